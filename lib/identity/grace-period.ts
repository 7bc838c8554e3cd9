/** How long the replaced secret keeps verifying after a rotation: the four choices offered, nothing else. */
export const GRACE_PERIODS = {
  immediately: { label: "Immediately", ms: 0 },
  "1h": { label: "In 1 hour", ms: 60 * 60 * 1000 },
  "24h": { label: "In 24 hours", ms: 24 * 60 * 60 * 1000 },
  "7d": { label: "In 7 days", ms: 7 * 24 * 60 * 60 * 1000 },
} as const;

export type GracePeriod = keyof typeof GRACE_PERIODS;
export const GRACE_PERIOD_IDS = Object.keys(GRACE_PERIODS) as [GracePeriod, ...GracePeriod[]];
export const DEFAULT_GRACE_PERIOD: GracePeriod = "24h";
