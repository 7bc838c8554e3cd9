// Authenticator app, recovery codes and the step-up proof on the real database; only the request's
// cookies are stubbed (the step-up cookie is read back from that jar).
import { beforeEach, describe, expect, it, vi } from "vitest";
import * as OTPAuth from "otpauth";
import { db } from "@/lib/db";
import { confirmCode, confirmPassword, hasRecentReauth } from "@/lib/auth/reauth";
import { hashPassword } from "@/lib/auth/password";
import { confirmTotpEnrolment, removeTotp, spendTotpCode, startTotpEnrolment, totpSecretContext, WRONG_CODE } from "@/lib/auth/second-factor/totp";
import { spendRecoveryCode, unusedRecoveryCodeCount } from "@/lib/auth/second-factor/recovery-codes";
import { strongestFactor } from "@/lib/auth/second-factor/user-factors";
import { newRecoveryCodes } from "@/lib/account/second-factors";
import { setSecondFactorRequirement } from "@/lib/teams/teams";
import { open } from "@/lib/crypto/secret-box";
import { serverConfig } from "@/lib/config/server-config";
import { actorOf, createTeamWithOwner, createUser } from "../helpers/fixtures";
import type { Caller } from "../helpers/request-mocks";

const caller = vi.hoisted((): Pick<Caller, "cookies"> => ({ cookies: new Map() }));
vi.mock("next/headers", async () => (await import("../helpers/request-mocks")).headersMock(caller));
beforeEach(() => caller.cookies.clear());

// Enrolments spend the step of T0; a later step-up uses the next one (a code works once).
const T0 = Date.now();
const STEP = 30_000;
const codeAt = (secret: string, at: number) => new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret) }).generate({ timestamp: at });

async function userWithApp(label: string) {
  const user = await createUser(label);
  const { secret } = await startTotpEnrolment(user);
  const recoveryCodes = await confirmTotpEnrolment(user.id, codeAt(secret, T0), T0);
  return { user, secret, recoveryCodes: recoveryCodes! };
}

describe("an authenticator app", () => {
  it("counts only once a code confirmed the setup, and comes with ten recovery codes", async () => {
    const user = await createUser("pending");
    const { secret, uri } = await startTotpEnrolment(user);
    expect(uri).toMatch(/^otpauth:\/\/totp\/Reqio:.+\?.*secret=/);
    expect(await strongestFactor(user.id)).toBe("password");
    await expect(confirmTotpEnrolment(user.id, codeAt(secret, T0 + 3 * STEP), T0)).rejects.toThrow(WRONG_CODE);
    const codes = await confirmTotpEnrolment(user.id, codeAt(secret, T0), T0);
    expect(codes).toHaveLength(10);
    expect(await strongestFactor(user.id)).toBe("totp");
    await expect(startTotpEnrolment(user)).rejects.toThrow("already set up");
  });

  it("takes a code once, one step either side of now, never an earlier step again", async () => {
    const { user, secret } = await userWithApp("once");
    const next = T0 + STEP;
    expect(await spendTotpCode(user.id, codeAt(secret, T0), T0)).toBe(false); // the setup spent this step
    expect(await spendTotpCode(user.id, codeAt(secret, next), next)).toBe(true);
    expect(await spendTotpCode(user.id, codeAt(secret, next), next)).toBe(false);
    expect(await spendTotpCode(user.id, codeAt(secret, next + 2 * STEP), next + 2 * STEP - STEP)).toBe(true); // a phone a step ahead
    expect(await spendTotpCode(user.id, codeAt(secret, T0 + 10 * STEP), T0 + 5 * STEP)).toBe(false); // far off
  });

  it("keeps its secret sealed to its user: copied onto another user's row it doesn't open", async () => {
    const { user } = await userWithApp("sealed");
    const { sealedSecret } = await db.totpFactor.findUniqueOrThrow({ where: { userId: user.id } });
    expect(sealedSecret).not.toMatch(/^[A-Z2-7]{32}$/);
    expect(() => open(sealedSecret, totpSecretContext("someone-else"), serverConfig().encryptionKeys)).toThrow();
  });
});

describe("recovery codes", () => {
  it("work once each, typed in any case and with or without dashes; removing the last factor drops them", async () => {
    const { user, recoveryCodes } = await userWithApp("recovery");
    const [first, second] = recoveryCodes as [string, string];
    expect(await spendRecoveryCode(user.id, first.toUpperCase().replace(/-/g, " "))).toBe(true);
    expect(await spendRecoveryCode(user.id, first)).toBe(false);
    expect(await unusedRecoveryCodeCount(user.id)).toBe(9);
    const other = await userWithApp("other-recovery");
    expect(await spendRecoveryCode(other.user.id, second)).toBe(false); // another user's code
    const fresh = await newRecoveryCodes(actorOf(user));
    expect(await spendRecoveryCode(user.id, second)).toBe(false); // replaced
    expect(await spendRecoveryCode(user.id, fresh[0]!)).toBe(true);
    await removeTotp(user.id);
    expect(await unusedRecoveryCodeCount(user.id)).toBe(0);
    await expect(newRecoveryCodes(actorOf(user))).rejects.toThrow("add a passkey or an authenticator app first");
  });
});

describe("the step-up proof", () => {
  it("is the strongest factor: a TOTP owner's password confirmation doesn't count, their code does", async () => {
    const { user, secret } = await userWithApp("stepup");
    await db.user.update({ where: { id: user.id }, data: { passwordHash: await hashPassword("step-up-password-2026") } });
    expect(await confirmPassword(user.id, "step-up-password-2026")).toBe(true);
    expect(await hasRecentReauth(user.id)).toBe(false);
    const now = T0 + STEP;
    expect(await confirmCode(user.id, codeAt(secret, now), "totp", now)).toBe("totp");
    expect(await hasRecentReauth(user.id, now)).toBe(true);
  });

  it("for a passkey owner takes a recovery code but not an authenticator code", async () => {
    const { user, secret, recoveryCodes } = await userWithApp("passkey-owner");
    await db.passkey.create({ data: { id: `cred-${user.id}`, userId: user.id, name: "Laptop", publicKey: Buffer.from([1]) } });
    const strongest = await strongestFactor(user.id);
    expect(strongest).toBe("passkey");
    const now = T0 + STEP;
    expect(await confirmCode(user.id, codeAt(secret, now), strongest, now)).toBeNull();
    expect(await confirmCode(user.id, recoveryCodes[0]!, strongest, now)).toBe("recovery_code");
    expect(await hasRecentReauth(user.id, now)).toBe(true);
  });

  it("allows five wrong codes per 15 minutes, then refuses even the right one", async () => {
    const { user, secret } = await userWithApp("limited");
    for (let i = 0; i < 5; i++) expect(await confirmCode(user.id, "000000", "totp")).toBeNull();
    const now = T0 + STEP;
    await expect(confirmCode(user.id, codeAt(secret, now), "totp", now)).rejects.toThrow(/^Too many wrong attempts\. Try again in/);
  });
});

describe("a team's second-factor requirement", () => {
  it("can't be turned on by an owner without a second factor, and is audited when turned on", async () => {
    const { team, user: owner } = await createTeamWithOwner("requirement");
    const input = { teamId: team.id, required: true, actor: actorOf(owner) };
    await expect(setSecondFactorRequirement({ ...input, actorHasSecondFactor: false })).rejects.toThrow("to your own account first");
    expect((await db.team.findUniqueOrThrow({ where: { id: team.id } })).requireSecondFactor).toBe(false);
    await setSecondFactorRequirement({ ...input, actorHasSecondFactor: true });
    expect((await db.team.findUniqueOrThrow({ where: { id: team.id } })).requireSecondFactor).toBe(true);
    const events = await db.auditEvent.findMany({ where: { teamId: team.id, action: "team.second_factor_requirement_changed" }, select: { details: true } });
    expect(events).toEqual([{ details: JSON.stringify({ required: true }) }]);
  });
});
