import "server-only";
import { generateAuthenticationOptions, verifyAuthenticationResponse, type PublicKeyCredentialRequestOptionsJSON } from "@simplewebauthn/server";
import { db } from "@/lib/db";
import { UserFacingError } from "@/lib/result";
import { rememberReauthProof, sessionVersionOf } from "@/lib/auth/reauth";
import { relyingParty } from "@/lib/auth/second-factor/relying-party";
import { issueChallenge, takeChallenge } from "@/lib/auth/second-factor/webauthn-challenge";
import { credentialDescriptors, NO_SUCH_PASSKEY } from "@/lib/auth/second-factor/passkeys";
import { MALFORMED_ANSWER, parseAuthenticationResponse, splitTransports } from "@/lib/auth/second-factor/webauthn-responses";
import { verifyFailureMessage } from "@/lib/auth/second-factor/webauthn-verify-errors";

export const NO_PASSKEYS = "Your account has no passkey any more: reload the page to confirm another way.";
const ALREADY_ANSWERED = "This passkey request was already answered. Start again.";

/** The options for navigator.credentials.get(): only the user's own passkeys, with a challenge kept in a signed cookie. */
export async function startPasskeyStepUp(userId: string): Promise<PublicKeyCredentialRequestOptionsJSON> {
  const allowCredentials = await credentialDescriptors(userId);
  if (allowCredentials.length === 0) throw new UserFacingError(NO_PASSKEYS);
  const options = await generateAuthenticationOptions({ rpID: relyingParty().rpID, allowCredentials, userVerification: "preferred" });
  await issueChallenge("authenticate", userId, options.challenge);
  return options;
}

/**
 * Checks the browser's answer: the challenge this user was sent, one of their passkeys, its stored public
 * key and signature counter. On success the passkey counts as confirmed for 5 minutes. Throws a
 * specific message for every refusal.
 */
export async function confirmPasskey(userId: string, answer: string, now = Date.now()): Promise<void> {
  const { challenge, issuedAt } = await takeChallenge("authenticate", userId, now);
  const response = parseAuthenticationResponse(answer);
  if (!response) throw new UserFacingError(MALFORMED_ANSWER);
  const passkey = await db.passkey.findFirst({ where: { id: response.id, userId } });
  if (!passkey) throw new UserFacingError(NO_SUCH_PASSKEY);
  const { rpID, origin } = relyingParty();
  let verification: Awaited<ReturnType<typeof verifyAuthenticationResponse>>;
  try {
    verification = await verifyAuthenticationResponse({
      response,
      expectedChallenge: challenge,
      expectedOrigin: origin,
      expectedRPID: rpID,
      credential: { id: passkey.id, publicKey: new Uint8Array(passkey.publicKey), counter: Number(passkey.counter), transports: splitTransports(passkey.transports) },
      requireUserVerification: false,
    });
  } catch (error) {
    throw new UserFacingError(verifyFailureMessage(error));
  }
  if (!verification.verified) throw new UserFacingError(verifyFailureMessage(null));
  // One answer per challenge, even replayed with a copy of the cookie: the passkey must not have been used
  // since this challenge was issued (one conditional update, so two requests can't both pass).
  const { count } = await db.passkey.updateMany({
    where: { id: passkey.id, userId, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: new Date(issuedAt) } }] },
    data: { counter: BigInt(verification.authenticationInfo.newCounter), lastUsedAt: new Date(now), backedUp: verification.authenticationInfo.credentialBackedUp },
  });
  if (count === 0) throw new UserFacingError(ALREADY_ANSWERED);
  const version = await sessionVersionOf(userId);
  if (version === null) throw new UserFacingError(NO_PASSKEYS);
  await rememberReauthProof(userId, version, "passkey", now);
}
