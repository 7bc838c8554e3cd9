import { usageFromCounters, type SecretUsage } from "@/lib/identity/secret-usage";

/** Quiet this long while the new secret is in use, and expiring the old one looks safe. */
export const SAFE_TO_EXPIRE_AFTER_MS = 15 * 60 * 1000;

/** What the page shows of the current secret: never the secret, only its masked tail and fingerprint. */
export type CurrentSecretSummary = { id: string; last4: string; fingerprint: string; createdAt: Date };

export type PreviousSecretStatus = SecretUsage & {
  id: string;
  last4: string;
  expiresAt: Date;
  newSecretInUse: boolean;
  looksSafeToExpire: boolean;
};

type PreviousSecretRow = { id: string; last4: string; expiresAt: Date | null; lastUsedAt: Date | null; retiredAt: Date | null };

/**
 * The previous secret's real traffic, so the admin knows when cutting it off breaks nobody; from rows
 * already read (the project's secrets and its recent counters, which hold a `secret:<id>` row per secret
 * that verified). A previous secret whose expiresAt has passed is null here even before the expiry sweep
 * retired it: the verifier refuses it from that instant on, so the page must not offer it any more.
 */
export function previousSecretStatus(
  input: { previous: PreviousSecretRow | null; currentLastUsedAt: Date | null; counters: { code: string; bucketStart: Date; count: number }[] },
  now: Date,
): PreviousSecretStatus | null {
  const { previous } = input;
  if (!previous?.expiresAt || previous.retiredAt || previous.expiresAt <= now) return null;
  const usage = usageFromCounters({ counters: input.counters, code: `secret:${previous.id}`, lastUsedAt: previous.lastUsedAt }, now);
  const newSecretInUse = Boolean(input.currentLastUsedAt);
  const quiet = !previous.lastUsedAt || now.getTime() - previous.lastUsedAt.getTime() >= SAFE_TO_EXPIRE_AFTER_MS;
  return {
    id: previous.id,
    last4: previous.last4,
    expiresAt: previous.expiresAt,
    ...usage,
    newSecretInUse,
    looksSafeToExpire: quiet && newSecretInUse,
  };
}
