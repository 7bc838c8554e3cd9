import { createHmac, timingSafeEqual } from "node:crypto";

/** ASVS 7.5.3: sensitive actions need the password confirmed within this window. */
export const REAUTH_WINDOW_MS = 5 * 60 * 1000;

function sign(payload: string, key: string): string {
  return createHmac("sha256", key).update(`reauth:${payload}`).digest("base64url");
}

/** Cookie value: userId.sessionVersion.confirmedAtMs.signature, bound to the user and session version. */
export function reauthToken(key: string, userId: string, sessionVersion: number, confirmedAt: number): string {
  const payload = `${userId}.${sessionVersion}.${confirmedAt}`;
  return `${payload}.${sign(payload, key)}`;
}

export function isRecentReauth(key: string, token: string | undefined, userId: string, sessionVersion: number, now: number): boolean {
  if (!token) return false;
  const parts = token.split(".");
  if (parts.length !== 4) return false;
  const [id, version, at, signature] = parts as [string, string, string, string];
  const expected = Buffer.from(sign(`${id}.${version}.${at}`, key));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return false;
  const confirmedAt = Number(at);
  return id === userId && Number(version) === sessionVersion && confirmedAt <= now && now - confirmedAt < REAUTH_WINDOW_MS;
}
