// Sign-up on a server that can send mail never tells whether an address has an account: through a real
// SMTP server (smtp-server) and the real action and database; only the request is stubbed.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { authenticateWithPassword, EMAIL_TAKEN, registerUser } from "@/lib/auth/credentials";
import { verifyPassword } from "@/lib/auth/password";
import { checkEmailMessage, signUp } from "@/lib/account/sign-up";
import { emailVerificationStatus, verifyEmail } from "@/lib/account/email-verification";
import { signUpAction } from "@/app/(auth)/sign-up/actions";
import { callAs, type Caller } from "../helpers/request-mocks";
import { startSmtpCatcher } from "../helpers/smtp-catcher";

const caller = vi.hoisted((): Caller => ({ user: null, cookies: new Map() }));
vi.mock("@/lib/auth/session", async () => (await import("../helpers/request-mocks")).sessionMock(caller));
vi.mock("next/cache", async () => (await import("../helpers/request-mocks")).cacheMock());
vi.mock("next/headers", async () => (await import("../helpers/request-mocks")).headersMock(caller));

const PASSWORD = "a-long-enumeration-passphrase-5";
const OWNER_PASSWORD = "the-owners-own-passphrase-9";
let smtp: Awaited<ReturnType<typeof startSmtpCatcher>>;
beforeAll(async () => (smtp = await startSmtpCatcher()));
beforeEach(() => {
  process.env.SMTP_URL = smtp.url;
  smtp.received.length = 0;
  caller.cookies.clear();
});
afterAll(async () => {
  delete process.env.SMTP_URL;
  await smtp.close();
});

const uniqueEmail = (label: string) => `${label}-${randomUUID().slice(0, 8)}@example.com`;
let lastIp = 0;
const uniqueIp = () => `198.51.100.${++lastIp}`;
const signUpAs = (fields: { name: string; email: string; password: string }) => callAs<unknown>(caller, signUpAction, null, fields);
/** The answer as the browser gets it, with the address (the one thing that differs) named generically. */
const asSent = (result: unknown, email: string) => JSON.stringify(result).replaceAll(email, "<address>");

async function existingAccount(label: string) {
  const email = uniqueEmail(label);
  await registerUser({ name: "Owen Owner", email, password: OWNER_PASSWORD, ip: uniqueIp() });
  return email;
}
/** Everything sign-up could touch: the account row, its memberships, and how many users and teams exist. */
async function snapshot(email: string) {
  const user = await db.user.findUniqueOrThrow({ where: { email }, omit: { passwordHash: false }, include: { memberships: true } });
  return { user, users: await db.user.count(), teams: await db.team.count(), verifications: await db.emailVerification.count() };
}

describe("sign-up with SMTP", () => {
  it("answers a new and a registered address byte for byte alike, and signs nobody in", async () => {
    const known = await existingAccount("known");
    const unknown = uniqueEmail("unknown");
    const forKnown = await signUpAs({ name: "Mallory", email: known.toUpperCase(), password: PASSWORD });
    const forUnknown = await signUpAs({ name: "Mallory", email: unknown, password: PASSWORD });
    expect(forUnknown).toEqual({ ok: true, data: { next: "check-email", email: unknown }, message: checkEmailMessage(unknown) });
    expect(asSent(forKnown, known)).toBe(asSent(forUnknown, unknown));
    // The same address before and after it has an account: the very same bytes.
    expect(JSON.stringify(await signUpAs({ name: "Mallory", email: unknown, password: PASSWORD }))).toBe(JSON.stringify(forUnknown));
    expect(caller.cookies.size).toBe(0); // no session, no password confirmation
    await smtp.mailTo(known); // both sends are done before the next test clears the inbox
    await expect.poll(() => smtp.to(unknown).length).toBe(2);
  });

  it("the owner of a registered address is emailed instead, and nothing of the account changes", async () => {
    const email = await existingAccount("owner");
    const before = await snapshot(email);
    expect(await signUpAs({ name: "Someone Else", email, password: PASSWORD })).toMatchObject({ ok: true, data: { next: "check-email", email } });
    const mail = await smtp.mailTo(email);
    expect(mail.body).toMatch(/^Subject: Someone tried to create a Reqio account with your address\r?$/m);
    expect(mail.body).toContain(`Someone, maybe you, tried to create a Reqio account with ${email}.`);
    expect(mail.body).toMatch(/^Sign in: http\S+\/sign-in\r?$/m);
    expect(mail.body).toMatch(/^Forgot your password\? Choose a new one: http\S+\/forgot-password\r?$/m);
    expect(mail.body).not.toContain("Someone Else"); // nothing the sign-up typed
    expect(mail.body).not.toMatch(/verify-email|reset-password/); // no token in it
    expect(smtp.received).toHaveLength(1);
    expect(await snapshot(email)).toEqual(before);
    expect(await verifyPassword(OWNER_PASSWORD, before.user.passwordHash)).toBe(true);
    await expect(authenticateWithPassword({ email, password: PASSWORD, ip: uniqueIp() })).rejects.toThrow("Wrong email or password.");
  });

  it("a new address gets an unverified account and a verification link; signing in works before and after verifying", async () => {
    const email = uniqueEmail("newcomer");
    expect(await signUpAs({ name: "Nia", email, password: PASSWORD })).toMatchObject({ ok: true, data: { next: "check-email", email } });
    const link = await smtp.linkTo(email, "verify-email");
    expect(smtp.received).toHaveLength(1);
    const user = await db.user.findUniqueOrThrow({ where: { email }, select: { id: true, name: true, memberships: { select: { role: true, team: { select: { name: true } } } } } });
    expect(user).toMatchObject({ name: "Nia", memberships: [{ role: "owner", team: { name: "Nia's team" } }] });
    expect(await emailVerificationStatus(user.id)).toEqual({ verified: false, canVerify: true });
    expect((await authenticateWithPassword({ email, password: PASSWORD, ip: uniqueIp() })).id).toBe(user.id);
    await verifyEmail(link.split("/").at(-1)!);
    expect(await emailVerificationStatus(user.id)).toMatchObject({ verified: true });
    expect((await authenticateWithPassword({ email, password: PASSWORD, ip: uniqueIp() })).id).toBe(user.id);
  });

  it("the display-name and password rules still apply, alike for both kinds of address", async () => {
    const known = await existingAccount("rules");
    const unknown = uniqueEmail("rules");
    for (const [fields, field] of [[{ name: "Evil\u202Eexe.txt", password: PASSWORD }, "name"], [{ name: "Line\nbreak", password: PASSWORD }, "name"], [{ name: "Weak", password: "password123" }, "password"]] as const) {
      const forKnown = await signUpAs({ ...fields, email: known });
      const forUnknown = await signUpAs({ ...fields, email: unknown });
      expect(forUnknown).toMatchObject({ ok: false, fieldErrors: { [field]: expect.any(String) } });
      expect(JSON.stringify(forKnown)).toBe(JSON.stringify(forUnknown));
    }
    expect(await db.user.findUnique({ where: { email: unknown } })).toBeNull();
    // Nothing was emailed for the refusals: the next mail anyone gets is this sign-up's.
    const next = uniqueEmail("after-rules");
    await signUpAs({ name: "Rita", email: next, password: PASSWORD });
    await smtp.linkTo(next, "verify-email");
    expect(smtp.received.map((mail) => mail.to)).toEqual([[next]]);
  });

  it("the per-network sign-up budget counts both kinds of address alike", async () => {
    const known = await existingAccount("budget");
    for (const [first, second] of [[known, uniqueEmail("budget")], [uniqueEmail("budget"), known]]) {
      const ip = uniqueIp();
      // 19 refused for a weak password (each still counts, no hash computed), then one that goes through.
      for (let i = 0; i < 19; i++) await expect(signUp({ name: "Bud", email: uniqueEmail("weak"), password: "short", ip })).rejects.toThrow("Use at least 10 characters.");
      expect(await signUp({ name: "Bud", email: first!, password: PASSWORD, ip })).toEqual({ next: "check-email", email: first });
      await expect(signUp({ name: "Bud", email: second!, password: PASSWORD, ip })).rejects.toThrow(/^Too many sign-ups from your network\. Try again in \d+ minutes\.$/);
    }
    await expect.poll(() => smtp.received.length).toBe(2); // the owner's note and one verification link
  });

  it("emails the owner of an address at most 3 notes an hour, with the same answer past that", async () => {
    const email = await existingAccount("flooded");
    for (let i = 0; i < 4; i++) expect(await signUp({ name: "Flo", email, password: PASSWORD, ip: uniqueIp() })).toEqual({ next: "check-email", email });
    // A sign-up answered after all four: once its mail is here, a fourth note would have been too.
    const later = uniqueEmail("later");
    await signUp({ name: "Flo", email: later, password: PASSWORD, ip: uniqueIp() });
    await smtp.mailTo(later);
    expect(smtp.to(email)).toHaveLength(3);
  });
});

describe("sign-up without SMTP", () => {
  it("is as before: a new address signs straight in, a taken one is refused as taken", async () => {
    delete process.env.SMTP_URL;
    const email = uniqueEmail("no-mail");
    expect(await signUpAs({ name: "Nomi", email, password: PASSWORD })).toEqual({ ok: true, data: { next: "sign-in" } });
    expect(await signUpAs({ name: "Nomi", email, password: PASSWORD })).toEqual({ ok: false, error: EMAIL_TAKEN, fieldErrors: { email: EMAIL_TAKEN } });
    expect(smtp.received).toHaveLength(0);
  });
});
