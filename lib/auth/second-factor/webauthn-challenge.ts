import "server-only";
import { cookies } from "next/headers";
import { serverConfig } from "@/lib/config/server-config";
import { UserFacingError } from "@/lib/result";
import { CHALLENGE_TTL_MS, challengeToken, readChallengeToken, type ChallengePurpose, type ChallengeRefusal, type IssuedChallenge } from "@/lib/auth/second-factor/webauthn-challenge-token";

// One cookie per ceremony, so adding a passkey on Account and a step-up prompt in another tab don't
// overwrite each other's challenge.
const COOKIE: Record<ChallengePurpose, string> = { register: "reqio_webauthn_register", authenticate: "reqio_webauthn_authenticate" };

const REFUSALS: Record<ChallengeRefusal, string> = {
  missing: "This passkey request isn't open any more (it was answered or replaced). Start again.",
  expired: "This passkey request expired after 5 minutes. Start again.",
  not_yours: "This passkey request was started by another account in this browser. Start again.",
};

/** Remembers the challenge just sent to the browser, for this user and ceremony, for 5 minutes. */
export async function issueChallenge(purpose: ChallengePurpose, userId: string, challenge: string, now = Date.now()): Promise<void> {
  (await cookies()).set(COOKIE[purpose], challengeToken(serverConfig().authSecret, purpose, userId, challenge, now), {
    httpOnly: true,
    sameSite: "strict",
    secure: serverConfig().appUrl.startsWith("https://"),
    path: "/",
    maxAge: CHALLENGE_TTL_MS / 1000,
  });
}

/**
 * The challenge this user was sent for `purpose`, forgotten as it is read: whatever the answer turns out
 * to be, a challenge gets one. Throws the refusal's message when there is none to answer.
 */
export async function takeChallenge(purpose: ChallengePurpose, userId: string, now = Date.now()): Promise<IssuedChallenge> {
  const store = await cookies();
  const token = store.get(COOKIE[purpose])?.value;
  store.delete(COOKIE[purpose]);
  const read = readChallengeToken(serverConfig().authSecret, token, purpose, userId, now);
  if ("refused" in read) throw new UserFacingError(REFUSALS[read.refused]);
  return read;
}
