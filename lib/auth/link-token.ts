import { createHash, randomBytes } from "node:crypto";

// The secret in an emailed or copied link (an invitation, a password reset).

/** 32 random bytes, base64url: 43 characters, 256 bits. Shown once in the link; only its hash is kept. */
export function generateLinkToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, tokenHash: hashLinkToken(token) };
}

/**
 * SHA-256 is enough here (no salt, no scrypt): the token is 256 random bits, so the hash can't be
 * guessed backwards, and a plain hash lets the link be looked up by a unique index.
 */
export function hashLinkToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** Cheap shape check so arbitrary path segments never reach the database. */
export function isLinkTokenShape(token: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(token);
}
