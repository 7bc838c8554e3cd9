import type { FormAction } from "@/lib/actions/form-action";
import type { TotpEnrolment } from "@/lib/auth/second-factor/totp";
import type { SecondFactorSummary } from "@/lib/account/second-factors";
import { FACTOR_NAMES } from "@/lib/auth/second-factor/factors";
import { TotpSetup } from "@/components/account/two-factor/totp-setup";
import { TotpEnrolled } from "@/components/account/two-factor/totp-enrolled";
import { RecoveryCodesStatus } from "@/components/account/two-factor/recovery-codes-status";

type Actions = {
  start: FormAction<TotpEnrolment>;
  finish: FormAction<{ recoveryCodes: string[] | null }>;
  remove: FormAction<null>;
  newRecoveryCodes: FormAction<{ recoveryCodes: string[] }>;
};

const dateOf = (date: Date) => date.toLocaleDateString("en", { year: "numeric", month: "short", day: "numeric", timeZone: "UTC" });

export function TwoFactorCard({ summary, actions }: { summary: SecondFactorSummary; actions: Actions }) {
  const { strongest, totp, recoveryCodesLeft } = summary;
  return (
    <div className="flex flex-col gap-4">
      <p className="text-sm" data-testid="step-up-factor">
        {strongest === "password"
          ? "You have no second factor: sensitive actions ask for your password."
          : `Sensitive actions ask for your ${FACTOR_NAMES[strongest]}${strongest === "passkey" ? "" : " code"} (or a recovery code).`}
      </p>
      {totp.enrolled && totp.since ? (
        <TotpEnrolled since={dateOf(totp.since)} removeAction={actions.remove} />
      ) : (
        <TotpSetup startAction={actions.start} finishAction={actions.finish} />
      )}
      {strongest !== "password" && <RecoveryCodesStatus left={recoveryCodesLeft} action={actions.newRecoveryCodes} />}
    </div>
  );
}
