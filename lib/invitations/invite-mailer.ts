import "server-only";
import type { Env } from "@/lib/config/env";
import type { InviteRole } from "@/lib/teams/member-rules";
import { log } from "@/lib/log";

export type InviteMessage = { to: string; teamName: string; invitedBy: string; role: InviteRole; link: string; expiresAt: Date };

/** Anything that can deliver an invite email; swapped in tests, and by a real SMTP transport later. */
export type InviteMailer = { readonly name: string; send(message: InviteMessage): Promise<void> };

export function inviteEmailText(message: InviteMessage): { subject: string; text: string } {
  return {
    subject: `${message.invitedBy} invited you to ${message.teamName} on Reqio`,
    text: [
      `${message.invitedBy} invited you to join ${message.teamName} on Reqio as ${message.role === "admin" ? "an admin" : "a member"}.`,
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

let warned = false;

/**
 * The mailer for this process, or null when invites are shared by link only (SMTP_URL unset).
 * No SMTP client ships with this build (nodemailer isn't a dependency yet), so with SMTP_URL set
 * we say so once and fall back to the copyable link instead of failing the invite.
 */
export function inviteMailer(env: Env = process.env): InviteMailer | null {
  if (override !== undefined) return override;
  if (!env.SMTP_URL?.trim()) return null;
  if (!warned) {
    warned = true;
    log("warn", "SMTP_URL is set, but this build has no SMTP transport; invite links are shown to copy instead");
  }
  return null;
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
