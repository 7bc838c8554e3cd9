// A real SMTP server (smtp-server) on a free loopback port that keeps what it receives. No test runner
// here: vitest tests use it through smtp-catcher.ts, Playwright specs directly.
import { SMTPServer } from "smtp-server";
import type { AddressInfo } from "node:net";

export type CaughtMail = { to: string[]; data: string };

/** A message's body with quoted-printable soft line breaks undone (long lines come folded). */
export function unfoldedBody(mail: CaughtMail): string {
  return mail.data.replace(/=\r\n/g, "");
}

/** The link to `path` (e.g. "verify-email") followed by a 43-character link token, in `body`. */
export function tokenLinkIn(body: string, path: string): string | undefined {
  return new RegExp(`(http\\S+/${path}/[A-Za-z0-9_-]{43})`).exec(body)?.[1];
}

export async function startSmtpInbox() {
  const received: CaughtMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, session, callback) {
      let data = "";
      stream.on("data", (chunk: Buffer) => (data += chunk.toString("utf8")));
      stream.on("end", () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), data });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    received,
    url: `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`,
    /** What was sent to `to` so far. */
    to: (to: string) => received.filter((mail) => mail.to.includes(to)),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
