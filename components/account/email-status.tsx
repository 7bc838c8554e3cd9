import type { FormAction } from "@/lib/actions/form-action";
import { ResendVerification } from "@/components/account/resend-verification";

/** The Account page's line about the address: verified, waiting for its link, or not verifiable on this server. */
export function EmailStatus({ email, verified, canVerify, resendAction }: { email: string; verified: boolean; canVerify: boolean; resendAction: FormAction<null> }) {
  if (!canVerify) {
    return (
      <p className="text-sm text-muted" data-testid="email-status">
        This server can&apos;t send email, so {email} isn&apos;t verified, and doesn&apos;t need to be: whoever holds an invite link is trusted to be its
        addressee.
      </p>
    );
  }
  if (verified) return <p className="text-sm" data-testid="email-status">{email} is verified.</p>;
  return (
    <div className="flex flex-col items-start gap-3">
      <p className="text-sm" data-testid="email-status">
        {email} isn&apos;t verified yet: until it is, you can&apos;t reveal or rotate signing secrets or join a team. Open the link we emailed you.
      </p>
      <ResendVerification action={resendAction} />
    </div>
  );
}
