import type { Metadata } from "next";
import Link from "next/link";
import { currentUser } from "@/lib/auth/session";
import { normalizeEmail } from "@/lib/validation/email-address";
import { findInviteLink, STATUS_MESSAGES } from "@/lib/invitations/accept-invitation";
import { INVITE_NOT_FOUND, wrongEmailMessage } from "@/lib/invitations/messages";
import { ROLE_LABELS } from "@/lib/authz/member-rules";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { AcceptInviteForm } from "@/components/invitations/accept-invite-form";
import { acceptInvitationAction } from "./actions";

// The token is in this page's URL: never send it to another site in a Referer header.
export const metadata: Metadata = { title: "Invitation", referrer: "no-referrer" };

const linkClass = "font-medium text-link underline";

/** Public: whoever holds the link sees the team, role and invited address; only that address can join. */
export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const [invite, user] = await Promise.all([findInviteLink(token), currentUser()]);
  if (!invite || invite.status !== "valid") {
    return (
      <>
        <h1 className="mb-2 text-xl font-semibold">Invitation</h1>
        <p role="alert" className="text-sm text-text-soft">{invite ? STATUS_MESSAGES[invite.status as keyof typeof STATUS_MESSAGES] : INVITE_NOT_FOUND}</p>
        <p className="mt-4 text-sm"><Link href="/" className={linkClass}>Go to Reqio</Link></p>
      </>
    );
  }
  const here = `/invite/${token}`;
  const role = ROLE_LABELS[invite.role].toLowerCase();
  const matches = user !== null && normalizeEmail(user.email) === invite.email;

  return (
    <>
      <h1 className="mb-2 text-xl font-semibold">Join {invite.teamName}</h1>
      <p className="mb-4 text-sm text-text-soft">
        You&apos;re invited to join <strong>{invite.teamName}</strong> on Reqio as {role === "admin" ? "an" : "a"} <strong>{role}</strong>. This
        invite is for <strong data-testid="invited-email">{invite.email}</strong>.
      </p>
      {!user && (
        <div className="flex flex-col gap-2 text-sm">
          <p>Sign in or create an account with {invite.email} to join.</p>
          <div className="flex flex-wrap gap-4">
            <Link className={linkClass} href={`/sign-in?callbackUrl=${encodeURIComponent(here)}`}>Sign in</Link>
            <Link className={linkClass} href={`/sign-up?callbackUrl=${encodeURIComponent(here)}&email=${encodeURIComponent(invite.email)}`}>
              Create an account
            </Link>
          </div>
        </div>
      )}
      {user && matches && <AcceptInviteForm action={acceptInvitationAction} token={token} teamName={invite.teamName} />}
      {user && !matches && (
        <div className="flex flex-col gap-3">
          <p role="alert" className="text-sm text-danger">{wrongEmailMessage(invite.email, user.email)}</p>
          <div>
            <SignOutButton variant="secondary" label={`Sign out of ${user.email}`} callbackUrl={`/sign-in?callbackUrl=${encodeURIComponent(here)}`} />
          </div>
        </div>
      )}
    </>
  );
}
