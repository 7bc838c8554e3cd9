// Email verification through a real SMTP server and the real actions and database; only the request
// (headers, cookies, who is signed in) is stubbed.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { ALREADY_VERIFIED, emailVerificationStatus, VERIFICATION_LINK_INVALID, VERIFICATION_LINK_LIFETIME_MS, sendVerificationEmail, verifyEmail } from "@/lib/account/email-verification";
import { signUpAction } from "@/app/(auth)/sign-up/actions";
import { verifyEmailAction } from "@/app/(auth)/verify-email/[token]/actions";
import { resendVerificationAction } from "@/app/(dashboard)/account/actions";
import { callAs, type Caller } from "../helpers/request-mocks";
import { randomUUID } from "node:crypto";
import { createUser } from "../helpers/fixtures";
import { startSmtpCatcher } from "../helpers/smtp-catcher";

const caller = vi.hoisted((): Caller => ({ user: null, cookies: new Map() }));
vi.mock("@/lib/auth/session", async () => (await import("../helpers/request-mocks")).sessionMock(caller));
vi.mock("next/cache", async () => (await import("../helpers/request-mocks")).cacheMock());
vi.mock("next/headers", async () => (await import("../helpers/request-mocks")).headersMock(caller));

let smtp: Awaited<ReturnType<typeof startSmtpCatcher>>;
beforeAll(async () => (smtp = await startSmtpCatcher()));
beforeEach(() => {
  process.env.SMTP_URL = smtp.url;
  smtp.received.length = 0;
});
afterAll(async () => {
  delete process.env.SMTP_URL;
  await smtp.close();
});
const tokenOf = (link: string) => link.split("/").at(-1)!;
const uniqueEmail = (label: string) => `${label}-${randomUUID().slice(0, 8)}@example.com`;

describe("email verification", () => {
  it("sign-up emails a link; confirming it verifies the address once", async () => {
    const email = uniqueEmail("verify");
    expect(await callAs(caller, signUpAction, null, { name: "Vera", email, password: "a-long-verifiable-passphrase-3" })).toMatchObject({ ok: true });
    const user = await db.user.findUniqueOrThrow({ where: { email }, select: { id: true } });
    expect(await emailVerificationStatus(user.id)).toEqual({ verified: false, canVerify: true });
    const token = tokenOf(await smtp.linkTo(email, "verify-email"));
    expect(await callAs(caller, verifyEmailAction, null, { token })).toEqual({ ok: true, data: null, message: `${email} is verified.` });
    expect(await emailVerificationStatus(user.id)).toEqual({ verified: true, canVerify: true });
    expect(await callAs(caller, verifyEmailAction, null, { token })).toEqual({ ok: false, error: VERIFICATION_LINK_INVALID });
  });

  it("a link lasts 24 hours, and a mistyped one verifies nothing", async () => {
    const user = await createUser("late");
    const start = Date.now();
    await sendVerificationEmail(user, start);
    const token = tokenOf(await smtp.linkTo(user.email, "verify-email"));
    await expect(verifyEmail(token, start + VERIFICATION_LINK_LIFETIME_MS)).rejects.toThrow(VERIFICATION_LINK_INVALID);
    await expect(verifyEmail("x".repeat(43), start)).rejects.toThrow(VERIFICATION_LINK_INVALID);
    expect(await emailVerificationStatus(user.id)).toMatchObject({ verified: false });
    await verifyEmail(token, start + VERIFICATION_LINK_LIFETIME_MS - 1);
    expect(await emailVerificationStatus(user.id)).toMatchObject({ verified: true });
  });

  it("a link only vouches for the address it was sent to", async () => {
    const user = await createUser("moved");
    await sendVerificationEmail(user);
    const token = tokenOf(await smtp.linkTo(user.email, "verify-email"));
    await db.user.update({ where: { id: user.id }, data: { email: uniqueEmail("elsewhere") } });
    await expect(verifyEmail(token)).rejects.toThrow(VERIFICATION_LINK_INVALID);
  });

  it("Account's 'Send a new link' emails one until the address is verified", async () => {
    const user = await createUser("resend");
    expect(await callAs(caller, resendVerificationAction, user, {})).toMatchObject({ ok: true, message: `We emailed a new link to ${user.email}.` });
    await verifyEmail(tokenOf(await smtp.linkTo(user.email, "verify-email")));
    expect(await callAs(caller, resendVerificationAction, user, {})).toEqual({ ok: false, error: ALREADY_VERIFIED });
  });

  it("without SMTP_URL nothing is emailed and nobody needs to verify", async () => {
    delete process.env.SMTP_URL;
    const email = uniqueEmail("no-mail");
    await callAs(caller, signUpAction, null, { name: "Nomi", email, password: "a-long-verifiable-passphrase-3" });
    const user = await db.user.findUniqueOrThrow({ where: { email }, select: { id: true } });
    expect(await emailVerificationStatus(user.id)).toEqual({ verified: false, canVerify: false });
    expect(await db.emailVerification.count({ where: { userId: user.id } })).toBe(0);
  });
});
