import { createHash } from "node:crypto";
import { randomBase62 } from "@/lib/crypto/random-string";

/** Recognisable prefix so secret scanners (GitHub, gitleaks, trufflehog) can flag leaks. */
export const SECRET_PREFIX = "rqio_sk_";
/** 43 base62 characters carry 256.0 bits; 44 leaves margin: ≈ 262 bits of CSPRNG entropy. */
export const SECRET_RANDOM_LENGTH = 44;
export const SECRET_PATTERN = /^rqio_sk_[0-9A-Za-z]{44}$/;

export function generateIdentitySecret(): string {
  return SECRET_PREFIX + randomBase62(SECRET_RANDOM_LENGTH);
}

/** What the dashboard shows until the admin presses Reveal: prefix + last 4. */
export function maskSecret(last4: string): string {
  return `${SECRET_PREFIX}${"•".repeat(8)}${last4}`;
}

export function lastFour(secret: string): string {
  return secret.slice(-4);
}

/** Names a secret in the audit trail without revealing it (SHA-256, first 12 hex). */
export function secretFingerprint(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex").slice(0, 12);
}

/** Exactly what the docs tell customers to do: the UTF-8 bytes of the secret string are the HMAC key. */
export function hmacKeyFromSecret(secret: string): Uint8Array {
  return new TextEncoder().encode(secret);
}
