import { createHash } from "node:crypto";
import { randomBase62 } from "@/lib/crypto/random-string";
import type { Environment } from "@/lib/identity/environments";

/** Recognisable prefix so secret scanners (GitHub, gitleaks, trufflehog) can flag leaks. */
export const SECRET_PREFIX = "rqio_sk_";
/** Development secrets say so in their prefix, so a scanner, a reviewer and the debugger tell them apart. */
export const SECRET_PREFIXES: Record<Environment, string> = { production: SECRET_PREFIX, development: "rqio_sk_dev_" };
/** 43 base62 characters carry 256.0 bits; 44 leaves margin: ≈ 262 bits of CSPRNG entropy. */
export const SECRET_RANDOM_LENGTH = 44;
export const SECRET_PATTERN = /^rqio_sk_(dev_)?[0-9A-Za-z]{44}$/;

export function generateIdentitySecret(environment: Environment = "production"): string {
  return SECRET_PREFIXES[environment] + randomBase62(SECRET_RANDOM_LENGTH);
}

/** What the dashboard shows until the admin presses Reveal: prefix + last 4. */
export function maskSecret(last4: string, environment: Environment = "production"): string {
  return `${SECRET_PREFIXES[environment]}${"•".repeat(8)}${last4}`;
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
