// With SMTP_URL set, an invite is really emailed: a local SMTP server (smtp-server) receives it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SMTPServer } from "smtp-server";
import type { AddressInfo } from "node:net";
import { createInvitation } from "@/lib/invitations/invitations";
import { createTeamWithOwner } from "../helpers/fixtures";

const received: { to: string[]; data: string }[] = [];
let server: SMTPServer;

beforeAll(async () => {
  server = new SMTPServer({
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
  process.env.SMTP_URL = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  process.env.SMTP_FROM = "Reqio <invites@reqio.test>";
});

afterAll(async () => {
  delete process.env.SMTP_URL;
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe("invite email", () => {
  it("sends the one-time link to the invited address when SMTP_URL is set", async () => {
    const owner = await createTeamWithOwner("mailer");
    const invite = await createInvitation({ teamId: owner.team.id, email: "New.Person@Example.com", role: "admin", actorRole: "owner", actor: owner.actor });
    expect(invite.emailed).toBe(true);
    expect(received).toHaveLength(1);
    expect(received[0]!.to).toEqual(["new.person@example.com"]);
    const body = received[0]!.data.replace(/=\r\n/g, "");
    expect(body).toContain("From: Reqio <invites@reqio.test>");
    expect(body.replace(/\r\n\s+/g, " ")).toMatch(/^Subject: \S+ invited you to mailer's team on Reqio$/m); // header may be folded
    expect(body).toContain("invited you to join mailer's team on Reqio");
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
