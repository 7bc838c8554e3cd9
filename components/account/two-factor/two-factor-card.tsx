import type { FormAction } from "@/lib/actions/form-action";
import type { SecondFactorSummary } from "@/lib/account/second-factors";
import { FACTOR_NAMES } from "@/lib/auth/second-factor/factors";
import { AuthenticatorApp, type AuthenticatorAppActions } from "@/components/account/two-factor/authenticator-app";
import { RecoveryCodesStatus } from "@/components/account/two-factor/recovery-codes-status";

type Actions = AuthenticatorAppActions & { newRecoveryCodes: FormAction<{ recoveryCodes: string[] }> };

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
      <AuthenticatorApp enrolledSince={totp.enrolled && totp.since ? dateOf(totp.since) : null} actions={actions} />
      {strongest !== "password" && <RecoveryCodesStatus left={recoveryCodesLeft} action={actions.newRecoveryCodes} />}
    </div>
  );
}
