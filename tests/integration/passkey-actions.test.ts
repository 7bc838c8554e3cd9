// The passkey actions as the Account page and the step-up prompt call them: what they refuse, what they
// record. Mocked like the matrix: only who is calling, next/cache and the request's headers/cookies; the
// database, lib/, the guards and @simplewebauthn/server (answered by a software authenticator) are real.
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createTeamWithOwner, type TestUser } from "../helpers/fixtures";
import { SoftwareAuthenticator } from "../helpers/software-authenticator";
import { callAs, type Caller } from "../helpers/request-mocks";
import { registrationAnswer, stepUpAnswer, withPasskey } from "../helpers/passkey-fixtures";
import { db } from "@/lib/db";
import { hashPassword } from "@/lib/auth/password";
import { confirmPassword, hasRecentReauth } from "@/lib/auth/reauth";
import { strongestFactor } from "@/lib/auth/second-factor/user-factors";
import { replaceRecoveryCodes } from "@/lib/auth/second-factor/recovery-codes";
import { NO_SUCH_PASSKEY } from "@/lib/auth/second-factor/passkeys";
import { confirmPasskeyAction, confirmPasswordAction } from "@/app/(dashboard)/actions";
import { addPasskeyAction, removePasskeyAction, renamePasskeyAction } from "@/app/(dashboard)/account/actions";

const caller = vi.hoisted((): Caller => ({ user: null, cookies: new Map() }));
vi.mock("@/lib/auth/session", async () => (await import("../helpers/request-mocks")).sessionMock(caller));
vi.mock("next/cache", async () => (await import("../helpers/request-mocks")).cacheMock());
vi.mock("next/headers", async () => (await import("../helpers/request-mocks")).headersMock(caller));

type Result = { ok: boolean; error?: string; code?: string; data?: unknown; fieldErrors?: Record<string, string> };
const call = (action: (previous: null, form: FormData) => Promise<unknown>, user: TestUser, fields: Record<string, string>) => callAs<Result>(caller, action, user, fields);

const PASSWORD = "passkey-actions-2026";
let passwordHash = "";
beforeAll(async () => {
  passwordHash = await hashPassword(PASSWORD);
});
beforeEach(() => caller.cookies.clear());

async function owner(label: string) {
  const { team, user } = await createTeamWithOwner(label);
  await db.user.update({ where: { id: user.id }, data: { passwordHash } });
  return { team, user };
}

const eventsOf = async (teamId: string, action: string) =>
  (await db.auditEvent.findMany({ where: { teamId, action }, orderBy: { createdAt: "asc" }, select: { details: true } })).map((event) => JSON.parse(String(event.details)));

describe("step-up for a passkey owner", () => {
  it("refuses the password, pointing to the passkey, and takes the passkey, recording both outcomes", async () => {
    const { team, user } = await owner("ada");
    const key = await withPasskey(user);
    expect(await call(confirmPasswordAction, user, { password: PASSWORD })).toEqual({ ok: false, error: "Your account has a passkey: confirm with it instead." });
    expect(await hasRecentReauth(user.id)).toBe(false);

    const wrongKey = await stepUpAnswer(user, new SoftwareAuthenticator()); // a passkey never added to this account
    expect(await call(confirmPasskeyAction, user, { response: wrongKey })).toEqual({ ok: false, error: NO_SUCH_PASSKEY });
    expect(await call(confirmPasskeyAction, user, { response: await stepUpAnswer(user, key) })).toEqual({ ok: true, data: null });
    expect(await hasRecentReauth(user.id)).toBe(true);
    expect(await eventsOf(team.id, "step_up.failed")).toEqual([{ factor: "passkey" }]);
    expect(await eventsOf(team.id, "step_up.confirmed")).toEqual([{ factor: "passkey" }]);
  });
});

describe("adding a passkey", () => {
  it("needs a fresh step-up, then stores it and returns the recovery codes once", async () => {
    const { team, user } = await owner("bea");
    const refused = await call(addPasskeyAction, user, { name: "Laptop", response: await registrationAnswer(user) });
    expect(refused).toMatchObject({ ok: false, code: "reauth_required" });
    expect(await db.passkey.count({ where: { userId: user.id } })).toBe(0);

    expect(await confirmPassword(user.id, PASSWORD)).toBe(true);
    const added = await call(addPasskeyAction, user, { name: "  Work   laptop ", response: await registrationAnswer(user) });
    expect(added).toMatchObject({ ok: true, message: 'Passkey "Work laptop" added. Sensitive actions now ask for a passkey.' });
    expect((added.data as { recoveryCodes: string[] }).recoveryCodes).toHaveLength(10);
    expect(await strongestFactor(user.id)).toBe("passkey");
    expect(await eventsOf(team.id, "second_factor.added")).toEqual([{ factor: "passkey", name: "Work laptop" }]);
    // The password proof no longer counts: a second passkey needs the first one.
    expect(await call(addPasskeyAction, user, { name: "Phone", response: await registrationAnswer(user) })).toMatchObject({ code: "reauth_required" });
  });
});

describe("renaming a passkey", () => {
  it("follows the one display-name rule, and only for the caller's own passkeys", async () => {
    const [{ user }, { user: other }] = await Promise.all([owner("cy"), owner("dee")]);
    const { credentialId } = await withPasskey(user, "Old name");
    const { credentialId: othersId } = await withPasskey(other, "Dee's key");
    const rename = (name: string, passkeyId = credentialId) => call(renamePasskeyAction, user, { passkeyId, name });
    expect(await rename("Laptop\u202Eexe.txt")).toMatchObject({ ok: false, fieldErrors: { name: "The passkey's name can't contain control or text-direction characters." } });
    expect(await rename("Line\nbreak")).toMatchObject({ ok: false, fieldErrors: { name: "The passkey's name can't contain control or text-direction characters." } });
    expect(await rename("   ")).toMatchObject({ ok: false, fieldErrors: { name: "Enter a name for the passkey." } });
    expect(await rename("x".repeat(65))).toMatchObject({ ok: false, fieldErrors: { name: "Use at most 64 characters for the passkey's name." } });
    expect(await rename("Renamed", othersId)).toEqual({ ok: false, error: NO_SUCH_PASSKEY });
    expect(await db.passkey.findUniqueOrThrow({ where: { id: othersId } })).toMatchObject({ name: "Dee's key" });
    expect(await rename("  YubiKey   5C ")).toMatchObject({ ok: true, message: 'Passkey renamed to "YubiKey 5C".' });
    expect(await db.passkey.findUniqueOrThrow({ where: { id: credentialId } })).toMatchObject({ name: "YubiKey 5C" });
  });
});

describe("removing a passkey", () => {
  it("needs the passkey itself, removes only the caller's own, and with the last one the recovery codes, so step-up asks for the password again", async () => {
    const [{ team, user }, { user: other }] = await Promise.all([owner("eve"), owner("fay")]);
    const key = await withPasskey(user, "Laptop");
    const { credentialId: othersId } = await withPasskey(other);
    await db.$transaction((tx) => replaceRecoveryCodes(tx, user.id));
    expect(await confirmPassword(user.id, PASSWORD)).toBe(true); // not enough for a passkey owner
    expect(await call(removePasskeyAction, user, { passkeyId: key.credentialId })).toMatchObject({ ok: false, code: "reauth_required" });

    expect(await call(confirmPasskeyAction, user, { response: await stepUpAnswer(user, key) })).toMatchObject({ ok: true });
    expect(await call(removePasskeyAction, user, { passkeyId: othersId })).toEqual({ ok: false, error: NO_SUCH_PASSKEY });
    expect(await db.passkey.count({ where: { id: othersId } })).toBe(1);
    expect(await call(removePasskeyAction, user, { passkeyId: key.credentialId })).toMatchObject({ ok: true, message: 'Passkey "Laptop" removed.' });
    expect(await db.recoveryCode.count({ where: { userId: user.id } })).toBe(0);
    expect(await strongestFactor(user.id)).toBe("password");
    expect(await eventsOf(team.id, "second_factor.removed")).toEqual([{ factor: "passkey", name: "Laptop" }]);
    expect(await call(confirmPasswordAction, user, { password: PASSWORD })).toEqual({ ok: true, data: null });
  });

  it("keeps the recovery codes while another second factor remains", async () => {
    const { user } = await owner("gus");
    const first = await withPasskey(user, "Laptop");
    await withPasskey(user, "Phone");
    await db.$transaction((tx) => replaceRecoveryCodes(tx, user.id));
    expect(await call(confirmPasskeyAction, user, { response: await stepUpAnswer(user, first) })).toMatchObject({ ok: true });
    expect(await call(removePasskeyAction, user, { passkeyId: first.credentialId })).toMatchObject({ ok: true });
    expect(await db.recoveryCode.count({ where: { userId: user.id } })).toBe(10);
    expect(await strongestFactor(user.id)).toBe("passkey");
  });
});
