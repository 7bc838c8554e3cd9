// Passkeys end to end without a browser: a software authenticator (real ES256 signatures) answers the
// options lib/ hands out, and the real @simplewebauthn/server checks, the challenge cookie and the
// database decide. Mocked: only the request's cookie store (next/headers).
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { CookieJar } from "../helpers/request-mocks";
import { actorOf, createTeamWithOwner, createUser, type TestUser } from "../helpers/fixtures";
import { SoftwareAuthenticator } from "../helpers/software-authenticator";
import { db } from "@/lib/db";
import { hasRecentReauth } from "@/lib/auth/reauth";
import { strongestFactor } from "@/lib/auth/second-factor/user-factors";
import { relyingParty } from "@/lib/auth/second-factor/relying-party";
import { CHALLENGE_TTL_MS } from "@/lib/auth/second-factor/webauthn-challenge-token";
import { finishPasskeyRegistration, MAX_PASSKEYS, NO_SUCH_PASSKEY, startPasskeyRegistration } from "@/lib/auth/second-factor/passkeys";
import { confirmPasskey, startPasskeyStepUp } from "@/lib/auth/second-factor/passkey-step-up";

const jar = vi.hoisted((): CookieJar => new Map());
vi.mock("next/headers", async () => (await import("../helpers/request-mocks")).headersMock({ cookies: jar }));

const REGISTER = "reqio_webauthn_register";
const AUTHENTICATE = "reqio_webauthn_authenticate";
const NOT_OPEN = "This passkey request isn't open any more (it was answered or replaced). Start again.";
const EXPIRED = "This passkey request expired after 5 minutes. Start again.";
const NOT_YOURS = "This passkey request was started by another account in this browser. Start again.";

beforeEach(() => jar.clear());
afterEach(() => vi.useRealTimers());

/** Registers `key` for `user` the way the Account page does: options, the authenticator's answer, finish. */
async function enrol(user: TestUser, key = new SoftwareAuthenticator(), name = "Laptop") {
  const options = await startPasskeyRegistration(user);
  const result = await finishPasskeyRegistration(actorOf(user), name, key.register(relyingParty(), options.challenge));
  return { key, ...result };
}

async function stepUpAnswer(user: TestUser, key: SoftwareAuthenticator): Promise<string> {
  const options = await startPasskeyStepUp(user.id);
  return key.authenticate(relyingParty(), options.challenge);
}

describe("adding a passkey", () => {
  it("offers a discoverable, user-verified credential for this host, excluding the user's passkeys, with the challenge in a strict httpOnly cookie", async () => {
    const user = await createUser("ada");
    const first = await enrol(user);
    const options = await startPasskeyRegistration(user);
    expect(options.rp).toEqual({ name: "Reqio", id: "localhost" });
    expect(options.user).toMatchObject({ name: user.email, displayName: user.name });
    expect(options.authenticatorSelection).toMatchObject({ residentKey: "preferred", userVerification: "preferred" });
    expect(options.excludeCredentials).toEqual([{ id: first.key.credentialId, type: "public-key", transports: ["internal"] }]);
    const cookie = jar.get(REGISTER)!;
    expect(cookie.options).toMatchObject({ httpOnly: true, sameSite: "strict", maxAge: CHALLENGE_TTL_MS / 1000 });
    expect(cookie.value).toContain(`.${user.id}.`);
  });

  it("stores the credential and makes recovery codes with the first second factor only", async () => {
    const { team, user } = await createTeamWithOwner("bea");
    expect(await strongestFactor(user.id)).toBe("password");
    const first = await enrol(user, new SoftwareAuthenticator(), "Work laptop");
    expect(first.recoveryCodes).toHaveLength(10);
    const stored = await db.passkey.findUniqueOrThrow({ where: { id: first.key.credentialId } });
    expect(stored).toMatchObject({ userId: user.id, name: "Work laptop", counter: 1n, transports: "internal", lastUsedAt: null });
    expect(Buffer.from(stored.publicKey)).toEqual(Buffer.from(first.key.cosePublicKey));
    expect(await strongestFactor(user.id)).toBe("passkey");

    const second = await enrol(user, new SoftwareAuthenticator(), "Phone");
    expect(second.recoveryCodes).toBeNull();
    expect(await db.recoveryCode.count({ where: { userId: user.id } })).toBe(10); // the first set still stands
    const events = await db.auditEvent.findMany({ where: { teamId: team.id, action: "second_factor.added" }, select: { details: true } });
    expect(events.map((event) => JSON.parse(String(event.details)))).toEqual([
      { factor: "passkey", name: "Work laptop" },
      { factor: "passkey", name: "Phone" },
    ]);
  });

  it("refuses the same authenticator twice, and more than the most an account can have", async () => {
    const user = await createUser("cy");
    const { key } = await enrol(user);
    const options = await startPasskeyRegistration(user);
    await expect(finishPasskeyRegistration(actorOf(user), "Again", key.register(relyingParty(), options.challenge))).rejects.toThrow('This passkey is already on your account, as "Laptop".');
    for (let i = 1; i < MAX_PASSKEYS; i++) await enrol(user, new SoftwareAuthenticator(), `Key ${i}`);
    await expect(startPasskeyRegistration(user)).rejects.toThrow(`Your account has ${MAX_PASSKEYS} passkeys, the most it can have.`);
  });

  it("needs the challenge this user was sent, once, within 5 minutes", async () => {
    const [ada, bob] = await Promise.all([createUser("ada"), createUser("bob")]);
    const key = new SoftwareAuthenticator();
    // Another user's challenge, in the same browser: refused for bob, and gone for ada too.
    const adaOptions = await startPasskeyRegistration(ada);
    const answer = key.register(relyingParty(), adaOptions.challenge);
    const adaCookie = jar.get(REGISTER)!;
    await expect(finishPasskeyRegistration(actorOf(bob), "Stolen", answer)).rejects.toThrow(NOT_YOURS);
    await expect(finishPasskeyRegistration(actorOf(ada), "Laptop", answer)).rejects.toThrow(NOT_OPEN);
    // The step-up ceremony's challenge doesn't open a registration.
    await enrol(bob);
    await startPasskeyStepUp(bob.id);
    jar.set(REGISTER, jar.get(AUTHENTICATE)!);
    await expect(finishPasskeyRegistration(actorOf(bob), "Laptop", new SoftwareAuthenticator().register(relyingParty(), "x"))).rejects.toThrow(NOT_YOURS);
    // Expired: 5 minutes after the options were issued.
    vi.useFakeTimers({ toFake: ["Date"] });
    jar.set(REGISTER, adaCookie);
    vi.setSystemTime(Date.now() + CHALLENGE_TTL_MS);
    await expect(finishPasskeyRegistration(actorOf(ada), "Laptop", answer)).rejects.toThrow(EXPIRED);
    expect(await db.passkey.count({ where: { userId: ada.id } })).toBe(0);
  });

  it("refuses an answer to another challenge, from another site, or without the user present", async () => {
    const user = await createUser("dee");
    const key = new SoftwareAuthenticator();
    const finish = (answer: string) => finishPasskeyRegistration(actorOf(user), "Laptop", answer);
    await startPasskeyRegistration(user);
    await expect(finish(key.register(relyingParty(), "b3RoZXItY2hhbGxlbmdl"))).rejects.toThrow("That passkey answer was for another request (another tab?). Start again.");
    let options = await startPasskeyRegistration(user);
    await expect(finish(key.register({ ...relyingParty(), origin: "https://evil.example" }, options.challenge))).rejects.toThrow("That passkey answer came from another site");
    options = await startPasskeyRegistration(user);
    await expect(finish(key.register({ ...relyingParty(), rpID: "evil.example" }, options.challenge))).rejects.toThrow("That passkey belongs to another site.");
    options = await startPasskeyRegistration(user);
    await expect(finish(key.register(relyingParty(), options.challenge, { userPresent: false }))).rejects.toThrow("Your passkey didn't confirm you were there.");
    await startPasskeyRegistration(user);
    await expect(finish('{"id":"abc"}')).rejects.toThrow("Your browser's passkey answer was incomplete or malformed. Try again.");
    expect(await db.passkey.count({ where: { userId: user.id } })).toBe(0);
  });
});

describe("confirming with a passkey", () => {
  it("asks for the user's own passkeys only, then counts as the passkey confirmed for 5 minutes and records its use", async () => {
    const [eve, fay] = await Promise.all([createUser("eve"), createUser("fay")]);
    const { key } = await enrol(eve);
    await enrol(fay);
    const options = await startPasskeyStepUp(eve.id);
    expect(options.rpId).toBe("localhost");
    expect(options.allowCredentials).toEqual([{ id: key.credentialId, type: "public-key", transports: ["internal"] }]);
    expect(await hasRecentReauth(eve.id)).toBe(false);
    await confirmPasskey(eve.id, key.authenticate(relyingParty(), options.challenge));
    expect(await hasRecentReauth(eve.id)).toBe(true);
    expect(await hasRecentReauth(fay.id)).toBe(false);
    const stored = await db.passkey.findUniqueOrThrow({ where: { id: key.credentialId } });
    expect(stored.counter).toBe(2n);
    expect(stored.lastUsedAt).not.toBeNull();
  });

  it("refuses a passkey that isn't on the user's account, a forged signature and a counter that went backwards", async () => {
    const [gus, hal] = await Promise.all([createUser("gus"), createUser("hal")]);
    const { key } = await enrol(gus);
    const { key: halKey } = await enrol(hal);
    await expect(confirmPasskey(gus.id, await stepUpAnswer(gus, halKey))).rejects.toThrow(NO_SUCH_PASSKEY);
    // Another key claiming gus's credential ID: the stored public key doesn't verify its signature.
    const options = await startPasskeyStepUp(gus.id);
    const forged = new SoftwareAuthenticator().authenticate(relyingParty(), options.challenge, { credentialId: key.credentialId });
    await expect(confirmPasskey(gus.id, forged)).rejects.toThrow("Your passkey's answer couldn't be verified.");
    await confirmPasskey(gus.id, await stepUpAnswer(gus, key));
    key.counter -= 2; // a copy of the key that is behind the original
    await expect(confirmPasskey(gus.id, await stepUpAnswer(gus, key))).rejects.toThrow("This passkey's use counter went backwards");
  });

  it("refuses an answer to a registration, to another challenge or from another site", async () => {
    const user = await createUser("ida");
    const { key } = await enrol(user);
    let options = await startPasskeyStepUp(user.id);
    await expect(confirmPasskey(user.id, key.authenticate(relyingParty(), options.challenge, { type: "webauthn.create" }))).rejects.toThrow("That was a passkey answer of the wrong kind.");
    await startPasskeyStepUp(user.id);
    await expect(confirmPasskey(user.id, key.authenticate(relyingParty(), "b3RoZXItY2hhbGxlbmdl"))).rejects.toThrow("That passkey answer was for another request");
    options = await startPasskeyStepUp(user.id);
    await expect(confirmPasskey(user.id, key.authenticate({ ...relyingParty(), origin: "http://localhost:4000" }, options.challenge))).rejects.toThrow("That passkey answer came from another site");
    expect(await hasRecentReauth(user.id)).toBe(false);
  });

  it("takes one answer per challenge: not again, not with a copy of the cookie, not another user's, not after 5 minutes", async () => {
    const [jon, kim] = await Promise.all([createUser("jon"), createUser("kim")]);
    // Synced passkeys report a counter of 0, so the counter can't tell a replayed answer from a new one.
    const { key } = await enrol(jon, new SoftwareAuthenticator({ counter: 0 }));
    await enrol(kim);
    const options = await startPasskeyStepUp(jon.id);
    const cookie = jar.get(AUTHENTICATE)!;
    const answer = key.authenticate(relyingParty(), options.challenge);
    await confirmPasskey(jon.id, answer);
    jar.delete("reqio_reauth");
    await expect(confirmPasskey(jon.id, answer)).rejects.toThrow(NOT_OPEN);
    jar.set(AUTHENTICATE, cookie); // replayed with the cookie it came with
    await expect(confirmPasskey(jon.id, answer)).rejects.toThrow("This passkey request was already answered. Start again.");
    // kim's browser can't answer with jon's challenge, nor jon's after 5 minutes.
    const late = await startPasskeyStepUp(jon.id);
    await expect(confirmPasskey(kim.id, key.authenticate(relyingParty(), late.challenge))).rejects.toThrow(NOT_YOURS);
    const expiring = await startPasskeyStepUp(jon.id);
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + CHALLENGE_TTL_MS);
    await expect(confirmPasskey(jon.id, key.authenticate(relyingParty(), expiring.challenge))).rejects.toThrow(EXPIRED);
    expect(await hasRecentReauth(jon.id)).toBe(false);
  });

  it("has nothing to ask for without a passkey", async () => {
    const user = await createUser("lou");
    await expect(startPasskeyStepUp(user.id)).rejects.toThrow("Your account has no passkey any more");
    expect(jar.has(AUTHENTICATE)).toBe(false);
  });
});
