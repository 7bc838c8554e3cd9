"use client";
import { useActionState } from "react";
import { signOut } from "next-auth/react";
import { ActionForm } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import { FormStatus } from "@/components/ui/form-status";
import type { ActionResult } from "@/lib/result";
import type { FormAction } from "@/lib/actions/form-action";

export function SignOutEverywhere({ action }: { action: FormAction<null> }) {
  const [result, dispatch, pending] = useActionState<ActionResult | null, FormData>(async (previous, formData) => {
    const outcome = await action(previous, formData);
    // The server already refuses this session too; clearing the cookie just says so right away.
    if (outcome.ok) await signOut({ callbackUrl: "/sign-in" });
    return outcome;
  }, null);
  return (
    <ActionForm dispatch={dispatch} className="flex flex-col items-start gap-2">
      <Button type="submit" variant="danger" disabled={pending}>{pending ? "Signing out…" : "Sign out of all sessions"}</Button>
      {result && !result.ok && <FormStatus result={result} />}
    </ActionForm>
  );
}
