import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/session";
import { PASSWORD_MIN_LENGTH } from "@/lib/auth/password-policy";
import { Card } from "@/components/ui/card";
import { ChangePasswordForm } from "@/components/account/change-password-form";
import { SignOutEverywhere } from "@/components/account/sign-out-everywhere";
import { ThemePicker } from "@/components/theme/theme-picker";
import { readThemeChoice } from "@/lib/theme/theme-cookie";
import { SessionList } from "@/components/account/session-list";
import { listSessions } from "@/lib/account/sessions";
import { EmailStatus } from "@/components/account/email-status";
import { emailVerificationStatus } from "@/lib/account/email-verification";
import { StepUp } from "@/components/step-up/step-up";
import { TwoFactorCard } from "@/components/account/two-factor/two-factor-card";
import { secondFactorSummary } from "@/lib/account/second-factors";
import { PasskeysSection } from "@/components/account/passkeys/passkeys-section";
import { listPasskeys } from "@/lib/auth/second-factor/passkeys";
import { deviceLabel } from "@/lib/account/device-label";
import { requestContext } from "@/lib/http/request-context";
import {
  changePasswordAction,
  finishTotpSetupAction,
  newRecoveryCodesAction,
  removeTotpAction,
  resendVerificationAction,
  revokeSessionAction,
  signOutEverywhereAction,
  startTotpSetupAction,
  passkeyRegistrationOptionsAction,
  addPasskeyAction,
  renamePasskeyAction,
  removePasskeyAction,
} from "./actions";

export const metadata: Metadata = { title: "Account" };

export default async function AccountPage() {
  const [user, theme] = await Promise.all([requireUser(), readThemeChoice()]);
  const now = new Date();
  const [sessions, email, factors] = await Promise.all([listSessions(user.id, now), emailVerificationStatus(user.id), secondFactorSummary(user.id)]);
  const [passkeys, { userAgent }] = await Promise.all([listPasskeys(user.id), requestContext()]);
  return (
    <StepUp userId={user.id} place={{}}>
    <main id="main" className="px-4 py-6 sm:px-8">
      <div className="mx-auto flex max-w-3xl flex-col gap-6">
        <div>
          <h1 className="text-2xl font-semibold">Account</h1>
          <p className="mt-1 text-sm text-muted">Signed in as {user.email}.</p>
        </div>
        <Card id="email" title="Email address">
          <EmailStatus email={user.email} {...email} resendAction={resendVerificationAction} />
        </Card>
        <Card id="appearance" title="Appearance" description="Remembered in this browser. System follows your device's light or dark setting.">
          <ThemePicker initial={theme} />
        </Card>
        <Card id="password" title="Change password" description="Signs out every other session.">
          <ChangePasswordForm action={changePasswordAction} email={user.email} passwordMinLength={PASSWORD_MIN_LENGTH} />
        </Card>
        <Card
          id="two-factor"
          title="Two-factor authentication"
          description="A second factor guards your teams' signing secrets: revealing, rotating and expiring them, and deleting projects or teams, ask for your strongest one."
        >
          <TwoFactorCard
            summary={factors}
            actions={{ start: startTotpSetupAction, finish: finishTotpSetupAction, remove: removeTotpAction, newRecoveryCodes: newRecoveryCodesAction }}
          />
        </Card>
        <Card
          id="passkeys"
          title="Passkeys"
          description="Your device's screen lock or a security key, which no one can phish or reuse. With a passkey, sensitive actions ask for it instead of your password."
        >
          <PasskeysSection
            passkeys={passkeys}
            defaultName={deviceLabel(userAgent ?? "")}
            onlyFactor={!factors.totp.enrolled}
            actions={{ options: passkeyRegistrationOptionsAction, add: addPasskeyAction, rename: renamePasskeyAction, remove: removePasskeyAction }}
            now={now}
          />
        </Card>
        <Card
          id="sessions"
          title="Sessions"
          description="Every browser signed in to your account. A session ends when you sign out, after 7 days unused, and 30 days after sign-in at the latest."
        >
          <div className="flex flex-col gap-4">
            <SessionList sessions={sessions} currentSessionId={user.sessionId} revokeAction={revokeSessionAction} now={now} />
            <p className="text-sm text-muted">Lost a laptop or signed in on a shared computer? End every session, this one included.</p>
            <SignOutEverywhere action={signOutEverywhereAction} />
          </div>
        </Card>
      </div>
    </main>
    </StepUp>
  );
}
