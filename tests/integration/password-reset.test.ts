// Password reset by emailed link, through a real SMTP server (smtp-server) and the real actions and
// database; only the request (headers, cookies, who is signed in) is stubbed.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { verifyPassword } from "@/lib/auth/password";
import { findLiveSession, startSession } from "@/lib/auth/user-sessions";
import { isResetLinkLive, NO_OUTGOING_MAIL, RESET_LINK_INVALID, RESET_LINK_LIFETIME_MS, RESET_REQUESTED, requestPasswordReset, resetPassword } from "@/lib/account/password-reset";
import { requestPasswordResetAction } from "@/app/(auth)/forgot-password/actions";
import { resetPasswordAction } from "@/app/(auth)/reset-password/[token]/actions";
import { callAs, type Caller } from "../helpers/request-mocks";
import { createTeamWithOwner } from "../helpers/fixtures";
import { startSmtpCatcher, type CaughtMail } from "../helpers/smtp-catcher";

const caller = vi.hoisted((): Caller => ({ user: null, cookies: new Map() }));
vi.mock("@/lib/auth/session", async () => (await import("../helpers/request-mocks")).sessionMock(caller));
vi.mock("next/cache", async () => (await import("../helpers/request-mocks")).cacheMock());
vi.mock("next/headers", async () => (await import("../helpers/request-mocks")).headersMock(caller));

const NEW_PASSWORD = "a-fresh-reset-passphrase-7";
let smtp: Awaited<ReturnType<typeof startSmtpCatcher>>;
let received: CaughtMail[];

beforeAll(async () => {
  smtp = await startSmtpCatcher();
  received = smtp.received;
});

beforeEach(() => {
  process.env.SMTP_URL = smtp.url;
  received.length = 0;
});

afterAll(async () => {
  delete process.env.SMTP_URL;
  await smtp.close();
});

const request = (email: string) => callAs<{ ok: boolean; message?: string; error?: string }>(caller, requestPasswordResetAction, null, { email });
const emailedLink = (to: string) => smtp.linkTo(to, "reset-password");
const tokenOf = (link: string) => link.split("/").at(-1)!;

describe("password reset", () => {
  it("answers a known and an unknown address alike, and emails only the account's owner a working link", async () => {
    const { user } = await createTeamWithOwner("resetter");
    const known = await request(user.email.toUpperCase());
    const unknown = await request("nobody-here@example.com");
    expect(known).toEqual({ ok: true, data: null, message: RESET_REQUESTED });
    expect(unknown).toEqual(known);
    const link = await emailedLink(user.email);
    expect(received.map((mail) => mail.to)).toEqual([[user.email]]);
    expect(await isResetLinkLive(tokenOf(link))).toBe(true);
    // Only the hash is stored.
    expect(await db.passwordReset.count({ where: { tokenHash: tokenOf(link) } })).toBe(0);
  });

  it("sets the password once, ends every session of the account, and voids the account's other links", async () => {
    const { user } = await createTeamWithOwner("once");
    const laptop = await startSession(user.id, { ip: "10.40.0.1", userAgent: "laptop" });
    await request(user.email);
    const first = tokenOf(await emailedLink(user.email));
    received.length = 0;
    await request(user.email);
    const second = tokenOf(await emailedLink(user.email));

    const weak = await callAs(caller, resetPasswordAction, null, { token: first, newPassword: "password123" });
    expect(weak).toMatchObject({ ok: false, fieldErrors: { newPassword: expect.stringMatching(/common/) } });
    expect(await isResetLinkLive(first)).toBe(true); // a refused password doesn't spend the link

    expect(await callAs(caller, resetPasswordAction, null, { token: first, newPassword: NEW_PASSWORD })).toMatchObject({ ok: true });
    const { passwordHash } = await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { passwordHash: true } });
    expect(await verifyPassword(NEW_PASSWORD, passwordHash)).toBe(true);
    expect(await findLiveSession(laptop, Date.now())).toBeNull();
    expect(await callAs(caller, resetPasswordAction, null, { token: first, newPassword: "another-passphrase-88" })).toEqual({ ok: false, error: RESET_LINK_INVALID });
    expect(await isResetLinkLive(second)).toBe(false);
    expect(await db.auditEvent.count({ where: { actorId: user.id, action: "password.reset" } })).toBe(1);
  });

  it("a link lasts 30 minutes", async () => {
    const { user } = await createTeamWithOwner("expiry");
    const start = Date.now();
    await requestPasswordReset({ email: user.email, ip: "10.40.0.2" }, start);
    const token = tokenOf(await emailedLink(user.email));
    expect(await isResetLinkLive(token, start + RESET_LINK_LIFETIME_MS - 1)).toBe(true);
    await expect(resetPassword({ token, newPassword: NEW_PASSWORD, ip: "10.40.0.2", userAgent: "" }, start + RESET_LINK_LIFETIME_MS)).rejects.toThrow(RESET_LINK_INVALID);
    await expect(resetPassword({ token: "not-a-token", newPassword: NEW_PASSWORD, ip: "10.40.0.2", userAgent: "" })).rejects.toThrow(RESET_LINK_INVALID);
  });

  it("sends an address at most 3 links an hour, with the same answer past that", async () => {
    const { user } = await createTeamWithOwner("flooded");
    for (let i = 0; i < 4; i++) expect(await request(user.email)).toMatchObject({ ok: true, message: RESET_REQUESTED });
    await expect.poll(() => received.length).toBe(3);
    expect(await db.passwordReset.count({ where: { userId: user.id } })).toBe(3);
  });

  it("without SMTP_URL says plainly that no link can be sent", async () => {
    delete process.env.SMTP_URL;
    expect(await request("anyone@example.com")).toEqual({ ok: false, error: NO_OUTGOING_MAIL });
  });
});
