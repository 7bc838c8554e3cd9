// A real SMTP server (smtp-server) on a free loopback port that keeps what it receives, for the email tests.
import { SMTPServer } from "smtp-server";
import type { AddressInfo } from "node:net";
import { expect } from "vitest";

export type CaughtMail = { to: string[]; data: string };

export async function startSmtpCatcher() {
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
    /** The link matching `path` in the one email sent to `to` (quoted-printable soft breaks undone). */
    async linkTo(to: string, path: string): Promise<string> {
      await expect.poll(() => received.filter((mail) => mail.to.includes(to)).length).toBe(1);
      const body = received.find((mail) => mail.to.includes(to))!.data.replace(/=\r\n/g, "");
      return new RegExp(`(http\\S+/${path}/[A-Za-z0-9_-]{43})`).exec(body)![1]!;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
