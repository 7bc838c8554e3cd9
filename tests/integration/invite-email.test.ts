// With SMTP_URL set, an invite is really emailed: a local SMTP server (smtp-server) receives it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createInvitation } from "@/lib/invitations/invitations";
import { createTeamWithOwner } from "../helpers/fixtures";
import { startSmtpCatcher, type CaughtMail } from "../helpers/smtp-catcher";

let smtp: Awaited<ReturnType<typeof startSmtpCatcher>>;
let received: CaughtMail[];

beforeAll(async () => {
  smtp = await startSmtpCatcher();
  received = smtp.received;
  process.env.SMTP_URL = smtp.url;
  process.env.SMTP_FROM = "Reqio <invites@reqio.test>";
});

afterAll(async () => {
  delete process.env.SMTP_URL;
  await smtp.close();
});

/** The Subject header unfolded and decoded (nodemailer Q-encodes one with quotes, RFC 2047). */
function subjectOf(message: string): string {
  const header = /^Subject: (.*(?:\r\n[ \t].*)*)/m.exec(message)![1]!.replace(/\r\n[ \t]/g, " ");
  return header.replace(/=\?UTF-8\?Q\?(.*?)\?=\s*/gi, (_word, text: string) =>
    Buffer.from(text.replace(/_/g, " ").replace(/=([0-9A-F]{2})/gi, (_hex, code: string) => String.fromCharCode(parseInt(code, 16))), "latin1").toString("utf8"),
  );
}

describe("invite email", () => {
  it("sends the one-time link to the invited address when SMTP_URL is set", async () => {
    const owner = await createTeamWithOwner("mailer");
    const invite = await createInvitation({ teamId: owner.team.id, email: "New.Person@Example.com", role: "admin", actorRole: "owner", actor: owner.actor });
    expect(invite.emailed).toBe(true);
    expect(received).toHaveLength(1);
    expect(received[0]!.to).toEqual(["new.person@example.com"]);
    const body = received[0]!.data.replace(/=\r\n/g, "");
    expect(body).toContain("From: Reqio <invites@reqio.test>");
    expect(subjectOf(received[0]!.data)).toBe(`Invitation to join the team "mailer's team" on Reqio`);
    expect(body).toMatch(/^"\S+@example\.com" invited you to join the team "mailer's team" on Reqio as an admin\.$/m);
    expect(body).toContain("as an admin");
    expect(body).toContain(invite.link);
  });

  it("a failing SMTP server doesn't fail the invite: the link is still returned to copy", async () => {
    process.env.SMTP_URL = "smtp://127.0.0.1:1"; // nothing listens there
    const owner = await createTeamWithOwner("mailer-down");
    const invite = await createInvitation({ teamId: owner.team.id, email: "x@example.com", role: "member", actorRole: "owner", actor: owner.actor });
    expect(invite.emailed).toBe(false);
    expect(invite.link).toMatch(/\/invite\/[\w-]{43}$/);
  });
});
