import { createHmac, timingSafeEqual } from "node:crypto";

// A WebAuthn challenge kept by the browser instead of a table: signed, and bound to the user, what it is
// for and when it was issued, so the server can check the answer against the challenge it really sent.

/** How long the browser has to answer a challenge (the prompt's own timeout is shorter). */
export const CHALLENGE_TTL_MS = 5 * 60 * 1000;

export const CHALLENGE_PURPOSES = ["register", "authenticate"] as const;
export type ChallengePurpose = (typeof CHALLENGE_PURPOSES)[number];

export type IssuedChallenge = { challenge: string; issuedAt: number };

/** Why a challenge cookie was refused; each has its own message for the person (webauthn-challenge.ts). */
export type ChallengeRefusal = "missing" | "expired" | "not_yours";

const sign = (payload: string, key: string) => createHmac("sha256", key).update(`webauthn-challenge:${payload}`).digest("base64url");

/** Cookie value: purpose.userId.issuedAtMs.challenge.signature (the challenge is base64url, so it has no dots). */
export function challengeToken(key: string, purpose: ChallengePurpose, userId: string, challenge: string, issuedAt: number): string {
  const payload = `${purpose}.${userId}.${issuedAt}.${challenge}`;
  return `${payload}.${sign(payload, key)}`;
}

/** The challenge the token holds, if it is untampered, for `purpose` and `userId`, and under 5 minutes old. */
export function readChallengeToken(
  key: string,
  token: string | undefined,
  purpose: ChallengePurpose,
  userId: string,
  now: number,
): IssuedChallenge | { refused: ChallengeRefusal } {
  if (!token) return { refused: "missing" };
  const parts = token.split(".");
  if (parts.length !== 5) return { refused: "missing" };
  const [forPurpose, forUser, at, challenge, signature] = parts as [string, string, string, string, string];
  const expected = Buffer.from(sign(`${forPurpose}.${forUser}.${at}.${challenge}`, key));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { refused: "missing" };
  // Another account's challenge (a shared browser), or one for the other ceremony: not this answer's.
  if (forUser !== userId || forPurpose !== purpose) return { refused: "not_yours" };
  const issuedAt = Number(at);
  if (!Number.isSafeInteger(issuedAt) || issuedAt > now || now - issuedAt >= CHALLENGE_TTL_MS) return { refused: "expired" };
  return { challenge, issuedAt };
}
