// registerUser / authenticateWithPassword with real scrypt hashes in SQLite (~128 MiB each: few of them).
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { WRONG_CREDENTIALS, authenticateWithPassword, registerUser } from "@/lib/auth/credentials";
import { verifyPassword } from "@/lib/auth/password";
import { UserFacingError } from "@/lib/result";

const PASSWORD = "correct horse battery staple";
// Every call gets an address of its own (a fresh per-IP budget), the same ones on every run.
let lastIp = 0;
const uniqueIp = () => `203.0.113.${++lastIp}`;
const uniqueEmail = (label: string) => `${label}-${randomUUID().slice(0, 8)}@example.com`;

async function failureOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UserFacingError);
  return (error as Error).message;
}

let ada: { email: string; userId: string; teamId: string };

beforeAll(async () => {
  const email = uniqueEmail("ada");
  const created = await registerUser({ name: "Ada", email: `  ${email.toUpperCase()} `, password: PASSWORD, ip: uniqueIp() });
  ada = { ...created, email };
});

describe("registerUser", () => {
  it("creates the user (normalized email, scrypt hash), their team, and an owner membership", async () => {
    const user = await db.user.findUniqueOrThrow({ where: { id: ada.userId }, omit: { passwordHash: false } });
    expect(user.email).toBe(ada.email);
    expect(user.name).toBe("Ada");
    expect(user.passwordHash.startsWith("scrypt$131072$8$1$")).toBe(true);
    expect(user.passwordHash).not.toContain(PASSWORD);
    expect(await verifyPassword(PASSWORD, user.passwordHash)).toBe(true);

    const team = await db.team.findUniqueOrThrow({ where: { id: ada.teamId } });
    expect(team.name).toBe("Ada's team");
    const memberships = await db.membership.findMany({ where: { userId: ada.userId } });
    expect(memberships.map((m) => [m.teamId, m.role])).toEqual([[ada.teamId, "owner"]]);
  });

  it("refuses a taken email, whatever its case or spacing, without creating anything", async () => {
    const counts = async () => [await db.user.count(), await db.team.count()];
    const before = await counts();
    for (const email of [ada.email, ada.email.toUpperCase(), ` ${ada.email}`]) {
      expect(await failureOf(registerUser({ name: "Imposter", email, password: "another fine passphrase", ip: uniqueIp() }))).toBe(
        "An account with this email already exists. Sign in instead.",
      );
    }
    expect(await counts()).toEqual(before);
  });

  it.each([
    ["short", "Use at least 10 characters."],
    ["password123", "That password is on the list of most common passwords; choose another."],
    ["aaaaaaaaaaaaaa", "That password repeats too few different characters; choose another."],
  ])("refuses the weak password %j with the policy's message", async (password, message) => {
    const email = uniqueEmail("weak");
    expect(await failureOf(registerUser({ name: "Weak", email, password, ip: uniqueIp() }))).toBe(message);
    expect(await db.user.findUnique({ where: { email } })).toBeNull();
  });

  it("refuses a password containing the email's local part", async () => {
    const email = uniqueEmail("grace");
    const password = `${email.split("@")[0]}-rocks`;
    expect(await failureOf(registerUser({ name: "G", email, password, ip: uniqueIp() }))).toBe("Don't use your email address in your password.");
  });

  it("limits sign-ups to 20 per IP per hour", async () => {
    const ip = uniqueIp();
    for (let i = 0; i < 20; i++) {
      // Weak passwords: each attempt still counts, and no scrypt hash is computed.
      expect(await failureOf(registerUser({ name: "Spam", email: uniqueEmail("spam"), password: "short", ip }))).toBe(
        "Use at least 10 characters.",
      );
    }
    const message = await failureOf(registerUser({ name: "Spam", email: uniqueEmail("spam"), password: PASSWORD, ip }));
    expect(message).toMatch(/^Too many sign-ups from your network\. Try again in \d+ (seconds|minutes)\.$/);
    // Another IP is unaffected (and fails for its own reason).
    expect(await failureOf(registerUser({ name: "Spam", email: uniqueEmail("spam"), password: "short", ip: uniqueIp() }))).toBe(
      "Use at least 10 characters.",
    );
  });
});

describe("authenticateWithPassword", () => {
  it("signs in with the right password, case- and space-insensitive on the email", async () => {
    const user = await authenticateWithPassword({ email: ` ${ada.email.toUpperCase()}`, password: PASSWORD, ip: uniqueIp() });
    // sessionVersion goes into the JWT at sign-in (lib/auth/session-version.ts).
    expect(user).toEqual({ id: ada.userId, email: ada.email, name: "Ada", sessionVersion: 0 });
    expect(user).not.toHaveProperty("passwordHash");
  });

  it("wrong password and unknown email get the same message", async () => {
    expect(await failureOf(authenticateWithPassword({ email: ada.email, password: `${PASSWORD}!`, ip: uniqueIp() }))).toBe(
      "Wrong email or password.",
    );
    expect(await failureOf(authenticateWithPassword({ email: uniqueEmail("nobody"), password: PASSWORD, ip: uniqueIp() }))).toBe(
      "Wrong email or password.",
    );
  });

  it("after 10 failures for one email, refuses further attempts, even with the right password", async () => {
    const email = uniqueEmail("target");
    await registerUser({ name: "Target", email, password: PASSWORD, ip: uniqueIp() });
    // Each failure comes from a different IP: the per-email limit is what stops this.
    for (let i = 0; i < 10; i++) {
      expect(await failureOf(authenticateWithPassword({ email, password: `guess-number-${i}`, ip: uniqueIp() }))).toBe(WRONG_CREDENTIALS);
    }
    const message = await failureOf(authenticateWithPassword({ email, password: PASSWORD, ip: uniqueIp() }));
    expect(message).toMatch(/^Too many sign-in attempts\. Try again in \d+ (seconds|minutes)\.$/);
    expect(message).toContain("minutes"); // a 15-minute window
    // Other accounts are unaffected.
    expect((await authenticateWithPassword({ email: ada.email, password: PASSWORD, ip: uniqueIp() })).id).toBe(ada.userId);
  });
});
