// The SMTP inbox (smtp-inbox.ts) for vitest tests: waits for mail with expect.poll.
import { expect } from "vitest";
import { startSmtpInbox, tokenLinkIn, unfoldedBody, type CaughtMail } from "./smtp-inbox";

export type { CaughtMail };

export async function startSmtpCatcher() {
  const inbox = await startSmtpInbox();
  /** The one email sent to `to`, once it has arrived, its body unfolded. */
  async function mailTo(to: string): Promise<CaughtMail & { body: string }> {
    await expect.poll(() => inbox.to(to).length).toBe(1);
    const mail = inbox.to(to)[0]!;
    return { ...mail, body: unfoldedBody(mail) };
  }
  return {
    ...inbox,
    mailTo,
    /** The link matching `path` in the one email sent to `to`. */
    async linkTo(to: string, path: string): Promise<string> {
      return tokenLinkIn((await mailTo(to)).body, path)!;
    },
  };
}
