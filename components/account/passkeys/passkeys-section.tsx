import type { PasskeySummary } from "@/lib/auth/second-factor/passkeys";
import type { FormAction } from "@/lib/actions/form-action";
import { PasskeyList } from "@/components/account/passkeys/passkey-list";
import { AddPasskey, type AddPasskeyActions } from "@/components/account/passkeys/add-passkey";

/** The Account page's Passkeys card: the list, then "Add a passkey". */
export function PasskeysSection({ passkeys, defaultName, onlyFactor, actions, now }: {
  passkeys: PasskeySummary[];
  /** What this browser calls itself ("Chrome 131 on macOS"), the new passkey's name unless the user types another. */
  defaultName: string;
  /** No authenticator app: the passkeys are the account's only second factor. */
  onlyFactor: boolean;
  actions: AddPasskeyActions & { rename: FormAction<null>; remove: FormAction<null> };
  now: Date;
}) {
  return (
    <div className="flex flex-col gap-4">
      <PasskeyList passkeys={passkeys} renameAction={actions.rename} removeAction={actions.remove} now={now} onlyFactor={onlyFactor} />
      <AddPasskey actions={{ options: actions.options, add: actions.add }} defaultName={defaultName} />
    </div>
  );
}
