import "server-only";
import nodemailer from "nodemailer";
import type { Env } from "@/lib/config/env";
import { log } from "@/lib/log";

export type Mail = { to: string; subject: string; text: string };
/** The deployment's outgoing mail: SMTP_URL like smtps://user:pass@smtp.example.com:465, SMTP_FROM optional. */
export type SmtpTransport = { send(mail: Mail): Promise<void> };

let configured: { url: string; transport: SmtpTransport | null } | undefined;

/** The SMTP transport for this process, or null when this deployment can't send mail (SMTP_URL unset or unusable). */
export function smtpTransport(env: Env = process.env): SmtpTransport | null {
  const url = env.SMTP_URL?.trim() ?? "";
  if (configured?.url === url) return configured.transport;
  let transport: SmtpTransport | null = null;
  if (/^smtps?:\/\//.test(url)) {
    const mailer = nodemailer.createTransport(url);
    const from = env.SMTP_FROM?.trim() || "Reqio <no-reply@reqio.invalid>";
    transport = { send: async (mail) => void (await mailer.sendMail({ from, ...mail })) };
  } else if (url) {
    // Never log the URL itself: it usually holds the SMTP password.
    log("warn", "SMTP_URL must start with smtp:// or smtps://; no email is sent");
  }
  configured = { url, transport };
  return transport;
}
