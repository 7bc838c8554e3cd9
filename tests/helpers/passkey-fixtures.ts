// Passkeys for integration tests, through lib/ and a software authenticator: the cookie store must be
// mocked (next/headers) by the test file, as the challenge and the step-up proof are cookies.
import { SoftwareAuthenticator } from "./software-authenticator";
import type { TestUser } from "./fixtures";
import { db } from "@/lib/db";
import { hasRecentReauth } from "@/lib/auth/reauth";
import { relyingParty } from "@/lib/auth/second-factor/relying-party";
import { startPasskeyRegistration } from "@/lib/auth/second-factor/passkeys";
import { confirmPasskey, startPasskeyStepUp } from "@/lib/auth/second-factor/passkey-step-up";

/** Stores a passkey for `user` that `key` (returned) can sign for, as if added on the Account page. */
export async function withPasskey(user: TestUser, name = "Test key"): Promise<SoftwareAuthenticator> {
  const key = new SoftwareAuthenticator();
  await db.passkey.create({ data: { id: key.credentialId, userId: user.id, name, publicKey: Buffer.from(key.cosePublicKey), counter: BigInt(key.counter), transports: "internal" } });
  return key;
}

/** Asks for registration options (the challenge cookie is set) and returns a new authenticator's answer to them. */
export async function registrationAnswer(user: TestUser, key = new SoftwareAuthenticator()): Promise<string> {
  const options = await startPasskeyRegistration(user);
  return key.register(relyingParty(), options.challenge);
}

/** Asks for step-up options (the challenge cookie is set) and returns `key`'s answer to them. */
export async function stepUpAnswer(user: TestUser, key: SoftwareAuthenticator): Promise<string> {
  const options = await startPasskeyStepUp(user.id);
  return key.authenticate(relyingParty(), options.challenge);
}

/**
 * Gives `user` a passkey; if their strongest factor was confirmed just before, confirms the passkey too,
 * as the step-up prompt would then ask for it.
 */
export async function withPasskeyConfirmedIfStepUpWas(user: TestUser): Promise<SoftwareAuthenticator> {
  const confirmed = await hasRecentReauth(user.id);
  const key = await withPasskey(user);
  if (confirmed) await confirmPasskey(user.id, await stepUpAnswer(user, key));
  return key;
}
