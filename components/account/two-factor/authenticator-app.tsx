"use client";
import { useState } from "react";
import { RecoveryCodesShown } from "@/components/account/recovery-codes-shown";
import { TotpSetup } from "@/components/account/two-factor/totp-setup";
import { TotpEnrolled } from "@/components/account/two-factor/totp-enrolled";
import type { FormAction } from "@/lib/actions/form-action";
import type { TotpEnrolment } from "@/lib/auth/second-factor/totp";

export type AuthenticatorAppActions = { start: FormAction<TotpEnrolment>; finish: FormAction<{ recoveryCodes: string[] | null }>; remove: FormAction<null> };

/**
 * The app's setup or its status. The recovery codes a setup made stay on screen here while the page
 * re-renders around them (the finished setup revalidates Account): they are never shown again.
 */
export function AuthenticatorApp({ enrolledSince, actions }: { enrolledSince: string | null; actions: AuthenticatorAppActions }) {
  const [codes, setCodes] = useState<string[] | null>(null);
  return (
    <>
      {codes && <RecoveryCodesShown codes={codes} />}
      {enrolledSince ? (
        <TotpEnrolled since={enrolledSince} removeAction={actions.remove} />
      ) : (
        <TotpSetup startAction={actions.start} finishAction={actions.finish} onDone={setCodes} />
      )}
    </>
  );
}
