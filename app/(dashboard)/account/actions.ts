"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { accountAction } from "@/lib/actions/guarded-actions";
import { changePassword } from "@/lib/account/change-password";
import { revokeSession, signOutEverywhere } from "@/lib/account/sessions";
import { resendVerificationEmail } from "@/lib/account/email-verification";
import { success } from "@/lib/result";
import { finishPasskeyRegistration, removePasskey, renamePasskey, startPasskeyRegistration } from "@/lib/auth/second-factor/passkeys";
import { passkeyNameSchema } from "@/lib/auth/second-factor/passkey-name";
import { startTotpEnrolment, type TotpEnrolment } from "@/lib/auth/second-factor/totp";
import { finishTotpSetup, newRecoveryCodes, removeAuthenticatorApp } from "@/lib/account/second-factors";

// These act on the signed-in user only, never on a team's resources: the session is the whole permission.

export const changePasswordAction = accountAction(
  { name: "changePassword" },
  z.object({
    currentPassword: z.string().min(1, "Enter your current password.").max(1024),
    newPassword: z.string().min(1, "Choose a new password.").max(1024),
  }),
  async (input, { actor }) => {
    await changePassword({ actor, currentPassword: input.currentPassword, newPassword: input.newPassword });
    // Every session, this one included, is now stale; the form signs this browser in again.
    return success(null, "Password changed. Every other session was signed out.");
  },
);

export const signOutEverywhereAction = accountAction({ name: "signOutEverywhere" }, z.object({}), async (_input, { actor }) => {
  await signOutEverywhere(actor);
  return success(null, "Signed out of all sessions.");
});

/** Ends one of the user's other sessions: that browser is signed out at its next request. */
export const revokeSessionAction = accountAction(
  { name: "revokeSession" },
  z.object({ sessionId: z.string().min(1).max(64) }),
  async (input, { actor }) => {
    await revokeSession(actor, input.sessionId);
    revalidatePath("/account");
    return success(null, "Session signed out.");
  },
);

export const resendVerificationAction = accountAction({ name: "resendVerification" }, z.object({}), async (_input, { user }) => {
  await resendVerificationEmail(user);
  return success(null, `We emailed a new link to ${user.email}.`);
});

// Sign-in factors. Starting a setup, removing a factor and new recovery codes need a fresh step-up, so a
// session left open somewhere can't add its own factor or strip the owner's; finishing a setup proves
// itself with a code from the secret that only the step-up-confirmed start showed.

export const startTotpSetupAction = accountAction({ name: "startTotpSetup", reauth: true }, z.object({}), async (_input, { user }) =>
  success<TotpEnrolment>(await startTotpEnrolment(user)),
);

export const finishTotpSetupAction = accountAction(
  { name: "finishTotpSetup" },
  z.object({ code: z.string().trim().min(1, "Enter the 6-digit code from your app.").max(16, "A code is 6 digits.") }),
  async (input, { actor }) => {
    const recoveryCodes = await finishTotpSetup(actor, input.code);
    revalidatePath("/account");
    return success({ recoveryCodes }, "Authenticator app added. Sensitive actions now ask for a code from it.");
  },
);

export const removeTotpAction = accountAction({ name: "removeTotp", reauth: true }, z.object({}), async (_input, { actor }) => {
  await removeAuthenticatorApp(actor);
  revalidatePath("/account");
  return success(null, "Authenticator app removed.");
});

export const newRecoveryCodesAction = accountAction({ name: "newRecoveryCodes", reauth: true }, z.object({}), async (_input, { actor }) => {
  const recoveryCodes = await newRecoveryCodes(actor);
  revalidatePath("/account");
  return success({ recoveryCodes }, "New recovery codes made. The old ones no longer work.");
});

// Passkeys. Adding one (its options too, so the prompt comes before the browser's) and removing one need
// a fresh step-up, so a session left open somewhere can't add its own passkey or strip the owner's.

const passkeyId = z.string().min(1, "Choose a passkey.").max(1024);

/** The options for navigator.credentials.create(); the name is checked now so a bad one is refused before the browser asks. */
export const passkeyRegistrationOptionsAction = accountAction({ name: "passkeyRegistrationOptions", reauth: true }, z.object({ name: passkeyNameSchema }), async (_input, { user }) =>
  success(await startPasskeyRegistration(user)),
);

/** The browser's answer (a JSON RegistrationResponse); the first second factor comes with recovery codes, shown once. */
export const addPasskeyAction = accountAction(
  { name: "addPasskey", reauth: true },
  z.object({ name: passkeyNameSchema, response: z.string().min(1, "Your browser sent no passkey. Try again.").max(65_536, "That passkey answer is too long.") }),
  async (input, { actor }) => {
    const { recoveryCodes } = await finishPasskeyRegistration(actor, input.name, input.response);
    revalidatePath("/account");
    return success({ recoveryCodes }, `Passkey "${input.name}" added. Sensitive actions now ask for a passkey.`);
  },
);

export const renamePasskeyAction = accountAction({ name: "renamePasskey" }, z.object({ passkeyId, name: passkeyNameSchema }), async (input, { user }) => {
  await renamePasskey(user.id, input.passkeyId, input.name);
  revalidatePath("/account");
  return success(null, `Passkey renamed to "${input.name}".`);
});

export const removePasskeyAction = accountAction({ name: "removePasskey", reauth: true }, z.object({ passkeyId }), async (input, { actor }) => {
  const name = await removePasskey(actor, input.passkeyId);
  revalidatePath("/account");
  return success(null, `Passkey "${name}" removed.`);
});
