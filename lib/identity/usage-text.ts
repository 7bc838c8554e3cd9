// A secret's live usage as the dialogs word it. No server imports: client components render it.

/** Counts come from 10-minute buckets, so each window reaches a little further back than its round figure. */
export type SecretUsage = {
  /** The last token verified (exact, written within a second of the request). */
  lastUsedAt: Date | null;
  /** Tokens in the buckets overlapping the last 10 minutes, which reach back `recentMinutes` (10–20). */
  tokensRecent: number;
  recentMinutes: number;
  /** Tokens in the buckets overlapping the last hour, which reach back `hourMinutes` (60–70). */
  tokensLastHour: number;
  hourMinutes: number;
  /** A token verified in the last 10 minutes. */
  inUse: boolean;
};

/** The expire action's refusal when the secret is in use and the project name wasn't typed. */
export const EXPIRY_CONFIRMATION_REQUIRED = "confirmation_required";

export type SecretUsageJson = Omit<SecretUsage, "lastUsedAt"> & { lastUsedAt: string | null };

export const usageJson = (usage: SecretUsage): SecretUsageJson => ({ ...usage, lastUsedAt: usage.lastUsedAt?.toISOString() ?? null });

/** "14 min", "hour", "hour and 7 min": how far back a count reaches, as "in the last …". */
export function windowText(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  if (minutes === 60) return "hour";
  return `hour and ${minutes - 60} min`;
}

export const tokensText = (count: number) => `${count} ${count === 1 ? "token" : "tokens"}`;
