import "server-only";
import { generateRegistrationOptions, verifyRegistrationResponse, type PublicKeyCredentialCreationOptionsJSON } from "@simplewebauthn/server";
import { db, type DbTransaction } from "@/lib/db";
import { UserFacingError } from "@/lib/result";
import type { Actor } from "@/lib/audit/audit-log";
import { recordAccountEvent } from "@/lib/account/account-audit";
import { relyingParty } from "@/lib/auth/second-factor/relying-party";
import { issueChallenge, takeChallenge } from "@/lib/auth/second-factor/webauthn-challenge";
import { joinTransports, MALFORMED_ANSWER, parseRegistrationResponse, splitTransports } from "@/lib/auth/second-factor/webauthn-responses";
import { verifyFailureMessage } from "@/lib/auth/second-factor/webauthn-verify-errors";
import { replaceRecoveryCodes } from "@/lib/auth/second-factor/recovery-codes";
import { dropRecoveryCodesIfNoSecondFactor } from "@/lib/auth/second-factor/user-factors";

/** Enough for a phone, a laptop, two security keys and spares; a list this long is a mistake or an attack. */
export const MAX_PASSKEYS = 10;

export const NO_SUCH_PASSKEY = "No passkey with that ID is on your account. Reload the page to see your passkeys.";
const TOO_MANY = `Your account has ${MAX_PASSKEYS} passkeys, the most it can have. Remove one you no longer use first.`;

export type PasskeySummary = { id: string; name: string; createdAt: Date; lastUsedAt: Date | null; backedUp: boolean };

export async function listPasskeys(userId: string): Promise<PasskeySummary[]> {
  return db.passkey.findMany({
    where: { userId },
    select: { id: true, name: true, createdAt: true, lastUsedAt: true, backedUp: true },
    orderBy: { createdAt: "asc" },
  });
}

/** The user's passkeys as a WebAuthn request names them (excludeCredentials, allowCredentials). */
export async function credentialDescriptors(userId: string): Promise<{ id: string; transports: ReturnType<typeof splitTransports> }[]> {
  const passkeys = await db.passkey.findMany({ where: { userId }, select: { id: true, transports: true }, orderBy: { createdAt: "asc" } });
  return passkeys.map(({ id, transports }) => ({ id, transports: splitTransports(transports) }));
}

/**
 * The options for navigator.credentials.create(): the user's own passkeys excluded (an authenticator
 * can't be added twice), a discoverable credential and user verification asked for but not required (a
 * security key without a PIN still proves possession). The challenge is kept in a signed cookie.
 */
export async function startPasskeyRegistration(user: { id: string; email: string; name: string }): Promise<PublicKeyCredentialCreationOptionsJSON> {
  const existing = await credentialDescriptors(user.id);
  if (existing.length >= MAX_PASSKEYS) throw new UserFacingError(TOO_MANY);
  const { rpName, rpID } = relyingParty();
  const options = await generateRegistrationOptions({
    rpName,
    rpID,
    userName: user.email,
    userDisplayName: user.name,
    // The user handle: the account's ID (no email or name in it), the same every time so a second
    // registration on one authenticator replaces its first rather than adding a twin.
    userID: new TextEncoder().encode(user.id),
    attestationType: "none",
    excludeCredentials: existing,
    authenticatorSelection: { residentKey: "preferred", userVerification: "preferred" },
  });
  await issueChallenge("register", user.id, options.challenge);
  return options;
}

/** True when the user has no second factor yet: adding this one makes their recovery codes. */
async function isFirstSecondFactor(tx: DbTransaction, userId: string): Promise<boolean> {
  const [passkeys, totp] = await Promise.all([
    tx.passkey.count({ where: { userId } }),
    tx.totpFactor.count({ where: { userId, confirmedAt: { not: null } } }),
  ]);
  return passkeys === 0 && totp === 0;
}

/**
 * Checks the browser's answer against the challenge this user was sent and stores the passkey. Returns
 * the new recovery codes when it is the user's first second factor (shown once), else null.
 */
export async function finishPasskeyRegistration(actor: Actor, name: string, answer: string): Promise<{ passkeyId: string; recoveryCodes: string[] | null }> {
  const { challenge } = await takeChallenge("register", actor.id);
  const response = parseRegistrationResponse(answer);
  if (!response) throw new UserFacingError(MALFORMED_ANSWER);
  const { rpID, origin } = relyingParty();
  let verification: Awaited<ReturnType<typeof verifyRegistrationResponse>>;
  try {
    verification = await verifyRegistrationResponse({ response, expectedChallenge: challenge, expectedOrigin: origin, expectedRPID: rpID, requireUserVerification: false });
  } catch (error) {
    throw new UserFacingError(verifyFailureMessage(error));
  }
  if (!verification.verified) throw new UserFacingError(verifyFailureMessage(null));
  const { credential, credentialBackedUp } = verification.registrationInfo;

  return db.$transaction(async (tx) => {
    const taken = await tx.passkey.findUnique({ where: { id: credential.id }, select: { userId: true, name: true } });
    if (taken) {
      // Another account's credential ID is not this person's business: only say it can't be used.
      throw new UserFacingError(taken.userId === actor.id ? `This passkey is already on your account, as "${taken.name}".` : "This passkey can't be added. Use another one.");
    }
    if ((await tx.passkey.count({ where: { userId: actor.id } })) >= MAX_PASSKEYS) throw new UserFacingError(TOO_MANY);
    const first = await isFirstSecondFactor(tx, actor.id);
    await tx.passkey.create({
      data: {
        id: credential.id,
        userId: actor.id,
        name,
        publicKey: Buffer.from(credential.publicKey),
        counter: BigInt(credential.counter),
        transports: joinTransports(credential.transports ?? response.response.transports),
        backedUp: credentialBackedUp,
      },
    });
    const recoveryCodes = first ? await replaceRecoveryCodes(tx, actor.id) : null;
    await recordAccountEvent(tx, actor, "second_factor.added", { factor: "passkey", name });
    return { passkeyId: credential.id, recoveryCodes };
  });
}

export async function renamePasskey(userId: string, passkeyId: string, name: string): Promise<void> {
  const { count } = await db.passkey.updateMany({ where: { id: passkeyId, userId }, data: { name } });
  if (count === 0) throw new UserFacingError(NO_SUCH_PASSKEY);
}

/** Removes one of the user's passkeys; with it the last second factor, their recovery codes go too. Returns its name. */
export async function removePasskey(actor: Actor, passkeyId: string): Promise<string> {
  return db.$transaction(async (tx) => {
    const passkey = await tx.passkey.findFirst({ where: { id: passkeyId, userId: actor.id }, select: { name: true } });
    if (!passkey) throw new UserFacingError(NO_SUCH_PASSKEY);
    await tx.passkey.delete({ where: { id: passkeyId } });
    await dropRecoveryCodesIfNoSecondFactor(tx, actor.id);
    await recordAccountEvent(tx, actor, "second_factor.removed", { factor: "passkey", name: passkey.name });
    return passkey.name;
  });
}
