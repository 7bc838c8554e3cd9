import type { Metadata } from "next";
import Link from "next/link";
import { isResetLinkLive, RESET_LINK_INVALID } from "@/lib/account/password-reset";
import { PASSWORD_MIN_LENGTH } from "@/lib/auth/password-policy";
import { ResetPasswordForm } from "@/components/auth/reset-password-form";
import { resetPasswordAction } from "./actions";

export const metadata: Metadata = { title: "Choose a new password", referrer: "no-referrer" };

export default async function ResetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const live = await isResetLinkLive(token);
  return (
    <>
      <h1 className="mb-4 text-xl font-semibold">Choose a new password</h1>
      {live ? (
        <ResetPasswordForm action={resetPasswordAction} token={token} passwordMinLength={PASSWORD_MIN_LENGTH} />
      ) : (
        <p role="alert" className="text-sm text-danger">{RESET_LINK_INVALID}</p>
      )}
      <p className="mt-4 text-sm text-muted">
        <Link className="font-medium text-link underline" href="/forgot-password">Ask for a new link</Link> ·{" "}
        <Link className="font-medium text-link underline" href="/sign-in">Sign in</Link>
      </p>
    </>
  );
}
