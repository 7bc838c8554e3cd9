import type { Metadata } from "next";
import Link from "next/link";
import { canEmailResetLinks, NO_OUTGOING_MAIL } from "@/lib/account/password-reset";
import { ForgotPasswordForm } from "@/components/auth/forgot-password-form";
import { requestPasswordResetAction } from "./actions";

export const metadata: Metadata = { title: "Reset your password" };

export default function ForgotPasswordPage() {
  return (
    <>
      <h1 className="mb-4 text-xl font-semibold">Reset your password</h1>
      {canEmailResetLinks() ? (
        <ForgotPasswordForm action={requestPasswordResetAction} />
      ) : (
        <p className="text-sm text-muted" data-testid="no-outgoing-mail">{NO_OUTGOING_MAIL}</p>
      )}
      <p className="mt-4 text-sm text-muted">
        Remembered it? <Link className="font-medium text-link underline" href="/sign-in">Sign in</Link>
      </p>
    </>
  );
}
