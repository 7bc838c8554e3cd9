const DAY_MS = 24 * 60 * 60 * 1000;

/** "Secret created 212 days ago", with a gentle nudge once it is older than the reminder age. */
export function SecretAge({ createdAt, now, reminderDays }: { createdAt: Date; now: Date; reminderDays: number }) {
  const days = Math.floor((now.getTime() - createdAt.getTime()) / DAY_MS);
  const age = days === 0 ? "today" : days === 1 ? "1 day ago" : `${days} days ago`;
  return (
    <div className="mt-3 text-sm" data-testid="secret-age">
      <p className="text-muted">Secret created {age}.</p>
      {days >= reminderDays && (
        <p className="mt-1 rounded-md bg-info-subtle px-3 py-2 text-info">
          This secret is over {reminderDays} days old. Rotating regularly limits the damage of a leak you don&apos;t know about; a 24-hour grace
          period makes it safe.
        </p>
      )}
    </div>
  );
}
