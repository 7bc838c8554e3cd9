import "server-only";
import type { Env } from "@/lib/config/env";
import type { InviteRole } from "@/lib/authz/member-rules";
import { log } from "@/lib/log";
import { smtpTransport } from "@/lib/mail/smtp";

export type InviteMessage = { to: string; teamName: string; invitedBy: string; role: InviteRole; link: string; expiresAt: Date };

/** Anything that can deliver an invite email: SMTP in production, a recording one in some tests. */
export type InviteMailer = { readonly name: string; send(message: InviteMessage): Promise<void> };

/** What people chose (the team's name, the inviter's address) is quoted, so it never reads as Reqio's own words. */
export function inviteEmailText(message: InviteMessage): { subject: string; text: string } {
  const team = JSON.stringify(message.teamName);
  return {
    subject: `Invitation to join the team ${team} on Reqio`,
    text: [
      `${JSON.stringify(message.invitedBy)} invited you to join the team ${team} on Reqio as ${message.role === "admin" ? "an admin" : "a member"}.`,
      "",
      `Accept: ${message.link}`,
      "",
      `The link works once, for ${message.to} only, until ${message.expiresAt.toUTCString()}.`,
    ].join("\n"),
  };
}

let override: InviteMailer | null | undefined;

/** Tests inject a recording mailer here; `undefined` restores the configured one. */
export function setInviteMailer(mailer: InviteMailer | null | undefined): void {
  override = mailer;
}

/** The mailer for this process, or null when invites are shared by link only (SMTP_URL unset or unusable). */
export function inviteMailer(env: Env = process.env): InviteMailer | null {
  if (override !== undefined) return override;
  const transport = smtpTransport(env);
  if (!transport) return null;
  return { name: "smtp", send: (message) => transport.send({ to: message.to, ...inviteEmailText(message) }) };
}

/** Sends if a mailer is configured; a failed send never fails the invite (the link is shown anyway). */
export async function emailInvite(message: InviteMessage): Promise<boolean> {
  const mailer = inviteMailer();
  if (!mailer) return false;
  try {
    await mailer.send(message);
    return true;
  } catch (error) {
    // The message holds the link, which is a credential: log the failure, not the message.
    log("warn", "invite email failed", { transport: mailer.name, error: error instanceof Error ? error.name : "unknown" });
    return false;
  }
}
