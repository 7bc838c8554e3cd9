"use client";
import { useActionState } from "react";
import Link from "next/link";
import { ActionForm } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import { FormStatus } from "@/components/ui/form-status";
import type { ActionResult } from "@/lib/result";
import type { FormAction } from "@/lib/actions/form-action";

/** `signedIn`: whether this browser is signed in already (the link may be opened anywhere). */
export function VerifyEmailForm({ action, token, signedIn }: { action: FormAction<null>; token: string; signedIn: boolean }) {
  // Not useActionForm: the answer replaces the form here, a toast would say it twice.
  const [result, dispatch, pending] = useActionState<ActionResult<null> | null, FormData>(action, null);
  if (result?.ok) {
    return (
      <p role="status" className="text-sm">
        {result.message}{" "}
        {signedIn ? (
          <Link className="font-medium text-link underline" href="/">Go to the dashboard</Link>
        ) : (
          <>You can sign in now: <Link className="font-medium text-link underline" href="/sign-in">Sign in</Link></>
        )}
      </p>
    );
  }
  return (
    <ActionForm dispatch={dispatch} className="flex flex-col gap-4">
      <input type="hidden" name="token" value={token} />
      <FormStatus result={result} />
      <Button type="submit" disabled={pending}>{pending ? "Verifying…" : "Verify my address"}</Button>
    </ActionForm>
  );
}
