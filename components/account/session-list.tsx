import type { AccountSession } from "@/lib/account/sessions";
import { deviceLabel } from "@/lib/account/device-label";
import { formatRelativeTime } from "@/lib/format-time";
import type { FormAction } from "@/lib/actions/form-action";
import { RevokeSessionButton } from "@/components/account/revoke-session-button";

function When({ date, now }: { date: Date; now: Date }) {
  return <time dateTime={date.toISOString()} title={date.toUTCString()}>{formatRelativeTime(date, now)}</time>;
}

/** Every session that hasn't ended: this browser's first and marked, each other one with its own Sign out. */
export function SessionList({ sessions, currentSessionId, revokeAction, now }: {
  sessions: AccountSession[];
  currentSessionId: string;
  revokeAction: FormAction<null>;
  now: Date;
}) {
  const ordered = [...sessions].sort((a, b) => Number(b.id === currentSessionId) - Number(a.id === currentSessionId));
  return (
    <ul aria-label="Signed-in sessions" className="flex flex-col divide-y divide-border rounded-md border border-border">
      {ordered.map((session) => {
        const device = deviceLabel(session.userAgent);
        const current = session.id === currentSessionId;
        return (
          <li key={session.id} className="flex flex-col gap-2 p-3 sm:flex-row sm:items-center sm:justify-between">
            <div className="text-sm">
              <p className="font-medium">
                {device}
                {current && <span className="ml-2 rounded bg-surface-strong px-1.5 py-0.5 text-xs font-medium">This browser</span>}
              </p>
              <p className="text-muted">
                Signed in <When date={session.createdAt} now={now} /> from <span className="break-all">{session.ip}</span> · last active{" "}
                <When date={session.lastSeenAt} now={now} /> · ends <When date={session.expiresAt} now={now} /> at the latest
              </p>
            </div>
            {!current && <RevokeSessionButton action={revokeAction} sessionId={session.id} device={device} />}
          </li>
        );
      })}
    </ul>
  );
}
