import "server-only";
import { serverConfig } from "@/lib/config/server-config";
import { checkSignUp, createAccount, registerUser } from "@/lib/auth/credentials";
import { hashPassword } from "@/lib/auth/password";
import { sendVerificationEmail } from "@/lib/account/email-verification";
import { createRateLimiter } from "@/lib/http/rate-limit";
import { smtpTransport, type SmtpTransport } from "@/lib/mail/smtp";
import { log } from "@/lib/log";

/** What the form does next: sign straight in (no mail: today's flow), or ask them to open the email we sent. */
export type SignUpNext = { next: "sign-in" } | { next: "check-email"; email: string };

/** The one answer with mail, for a new and a taken address alike; the address is quoted (it is what they typed). */
export function checkEmailMessage(email: string): string {
  return `We sent an email to ${JSON.stringify(email)}. Open the link in it to finish signing up.`;
}

// Per address: repeated sign-ups with someone's address can't flood their inbox. Over it, nothing is sent; the answer stays the same.
const attemptMailsPerEmail = createRateLimiter({ keyPrefix: "sign-up:taken-email", points: 3, durationSeconds: 60 * 60 });

/** Nothing in it comes from whoever signed up (not even the name they typed): the owner's own address and our links. */
export function signUpAttemptEmail(email: string, appUrl: string) {
  return {
    subject: "Someone tried to create a Reqio account with your address",
    text: [
      `Someone, maybe you, tried to create a Reqio account with ${email}. That address already has an account, so nothing was created or changed.`,
      "",
      `Sign in: ${appUrl}/sign-in`,
      `Forgot your password? Choose a new one: ${appUrl}/forgot-password`,
      "",
      "If it wasn't you, ignore this email: your account and password stay as they are.",
    ].join("\n"),
  };
}

async function tellOwner(transport: SmtpTransport, email: string): Promise<void> {
  if (!(await attemptMailsPerEmail.consume(email)).allowed) return;
  await transport.send({ to: email, ...signUpAttemptEmail(email, serverConfig().appUrl) });
}

const logFailure = (what: string) => (error: unknown) => log("warn", what, { error: error instanceof Error ? error.name : "unknown" });

/**
 * Without SMTP, registerUser as ever (a taken address is refused: there is no one to tell privately).
 * With SMTP the answer never tells whether the address has an account: both paths hash the password
 * and try the insert, nobody is signed in, and the email (a verification link, or a note to the
 * owner of a taken address) is sent after answering, so neither the answer nor its timing differs.
 */
export async function signUp(input: { name: string; email: string; password: string; ip: string }): Promise<SignUpNext> {
  const transport = smtpTransport();
  if (!transport) {
    await registerUser(input);
    return { next: "sign-in" };
  }
  const email = await checkSignUp(input);
  const created = await createAccount({ name: input.name, email, passwordHash: await hashPassword(input.password) });
  if (created) void sendVerificationEmail({ id: created.userId, email }).catch(logFailure("verification email failed"));
  else void tellOwner(transport, email).catch(logFailure("sign-up attempt email failed"));
  return { next: "check-email", email };
}
