import { createHmac, timingSafeEqual } from "node:crypto";
import { isProof, type Proof } from "@/lib/auth/second-factor/factors";

/** ASVS 7.5.3: sensitive actions need a factor confirmed within this window. */
export const REAUTH_WINDOW_MS = 5 * 60 * 1000;

function sign(payload: string, key: string): string {
  return createHmac("sha256", key).update(`reauth:${payload}`).digest("base64url");
}

/** Cookie value: userId.sessionVersion.confirmedAtMs.proof.signature, bound to the user and session version. */
export function reauthToken(key: string, userId: string, sessionVersion: number, confirmedAt: number, proof: Proof = "password"): string {
  const payload = `${userId}.${sessionVersion}.${confirmedAt}.${proof}`;
  return `${payload}.${sign(payload, key)}`;
}

/** What the cookie proves, if it is this user's, this session version's, untampered and under 5 minutes old; else null. */
export function recentReauthProof(key: string, token: string | undefined, userId: string, sessionVersion: number, now: number): Proof | null {
  if (!token) return null;
  const parts = token.split(".");
  if (parts.length !== 5) return null;
  const [id, version, at, proof, signature] = parts as [string, string, string, string, string];
  const expected = Buffer.from(sign(`${id}.${version}.${at}.${proof}`, key));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  const confirmedAt = Number(at);
  const recent = id === userId && Number(version) === sessionVersion && confirmedAt <= now && now - confirmedAt < REAUTH_WINDOW_MS;
  return recent && isProof(proof) ? proof : null;
}

export function isRecentReauth(key: string, token: string | undefined, userId: string, sessionVersion: number, now: number): boolean {
  return recentReauthProof(key, token, userId, sessionVersion, now) !== null;
}
