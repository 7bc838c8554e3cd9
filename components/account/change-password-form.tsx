"use client";
import { signIn } from "next-auth/react";
import { ActionForm, useActionForm } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormStatus } from "@/components/ui/form-status";
import type { FormAction } from "@/lib/actions/form-action";
import { fieldError, hasFieldErrors } from "@/lib/result";

/**
 * The change ends every session, this one included (sessionVersion bump). Signing straight back in
 * with the new password gives this browser a fresh session, so only the *other* sessions end.
 */
export function ChangePasswordForm({ action, email, passwordMinLength }: { action: FormAction<null>; email: string; passwordMinLength: number }) {
  const [result, dispatch, pending] = useActionForm<null>(async (previous, formData) => {
    const changed = await action(previous, formData);
    if (!changed.ok) return changed;
    const signedIn = await signIn("credentials", { email, password: String(formData.get("newPassword")), redirect: false });
    if (!signedIn?.ok) return { ok: false, error: "Your password was changed, but signing in again failed. Sign in with the new password." };
    return changed;
  });

  return (
    <ActionForm dispatch={dispatch} className="flex max-w-sm flex-col gap-4">
      {/* Lets password managers pair the new password with the account. */}
      <input type="hidden" name="username" autoComplete="username" value={email} />
      <Field label="Current password" name="currentPassword" type="password" autoComplete="current-password" error={fieldError(result, "currentPassword")} />
      <Field
        label="New password"
        name="newPassword"
        type="password"
        autoComplete="new-password"
        hint={`At least ${passwordMinLength} characters.`}
        error={fieldError(result, "newPassword")}
      />
      {!hasFieldErrors(result) && <FormStatus result={result} />}
      <div>
        <Button type="submit" disabled={pending}>{pending ? "Changing…" : "Change password"}</Button>
      </div>
    </ActionForm>
  );
}
