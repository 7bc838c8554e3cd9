import type { PasskeySummary } from "@/lib/auth/second-factor/passkeys";
import { formatRelativeTime } from "@/lib/format-time";
import type { FormAction } from "@/lib/actions/form-action";
import { RenamePasskey } from "@/components/account/passkeys/rename-passkey";
import { RemovePasskey } from "@/components/account/passkeys/remove-passkey";

function When({ date, now }: { date: Date; now: Date }) {
  return <time dateTime={date.toISOString()} title={date.toUTCString()}>{formatRelativeTime(date, now)}</time>;
}

/** The user's passkeys, oldest first, each with its own Rename and Remove. */
export function PasskeyList({ passkeys, renameAction, removeAction, now, onlyFactor }: {
  passkeys: PasskeySummary[];
  renameAction: FormAction<null>;
  removeAction: FormAction<null>;
  now: Date;
  /** True when passkeys are the account's only second factor: removing the last one says what goes with it. */
  onlyFactor: boolean;
}) {
  if (passkeys.length === 0) return <p className="text-sm text-muted" data-testid="no-passkeys">No passkeys yet.</p>;
  return (
    <ul aria-label="Passkeys" className="flex flex-col divide-y divide-border rounded-md border border-border">
      {passkeys.map((passkey) => (
        <li key={passkey.id} className="flex flex-col gap-2 p-3 sm:flex-row sm:items-start sm:justify-between">
          <div className="min-w-0 text-sm">
            <p className="font-medium break-words">
              {passkey.name}
              {passkey.backedUp && <span className="ml-2 rounded bg-surface-strong px-1.5 py-0.5 text-xs font-medium">Synced</span>}
            </p>
            <p className="text-muted">
              Added <When date={passkey.createdAt} now={now} /> · {passkey.lastUsedAt ? <>last used <When date={passkey.lastUsedAt} now={now} /></> : "not used yet"}
            </p>
          </div>
          <div className="flex shrink-0 flex-wrap items-start gap-2 sm:justify-end">
            <RenamePasskey action={renameAction} passkeyId={passkey.id} name={passkey.name} />
            <RemovePasskey action={removeAction} passkeyId={passkey.id} name={passkey.name} last={onlyFactor && passkeys.length === 1} />
          </div>
        </li>
      ))}
    </ul>
  );
}
