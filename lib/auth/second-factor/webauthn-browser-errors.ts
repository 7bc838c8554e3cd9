// What the browser's passkey prompt failed with, said so the person knows what to do. No server-only
// imports: the step-up prompt and the Account page read it when startAuthentication/startRegistration throw.

type BrowserFailure = { name?: unknown; code?: unknown; message?: unknown; cause?: unknown };

const CANCELLED = "The browser's passkey request timed out or was cancelled. Try again when you're ready.";

const BY_CODE: Record<string, string> = {
  ERROR_CEREMONY_ABORTED: "The passkey request was stopped before it finished. Try again.",
  ERROR_INVALID_DOMAIN: "This browser won't use passkeys at this address: passkeys need https (or localhost).",
  ERROR_INVALID_RP_ID: "This browser won't use passkeys at this address: it isn't the dashboard's configured address (APP_URL).",
  ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED: "That passkey is already on your account. Use another authenticator to add a second one.",
  ERROR_AUTHENTICATOR_NO_SUPPORTED_PUBKEYCREDPARAMS_ALG: "That authenticator can't sign the way Reqio accepts. Try another one.",
  ERROR_AUTHENTICATOR_GENERAL_ERROR: "Your authenticator couldn't answer. Try again, or try another one.",
};

export function browserPasskeyFailure(error: unknown): string {
  const failure = (typeof error === "object" && error !== null ? error : {}) as BrowserFailure;
  const cause = (typeof failure.cause === "object" && failure.cause !== null ? failure.cause : {}) as BrowserFailure;
  if (failure.name === "NotAllowedError" || cause.name === "NotAllowedError") return CANCELLED;
  if (typeof failure.code === "string" && BY_CODE[failure.code]) return BY_CODE[failure.code]!;
  if (typeof failure.message === "string" && /not supported in this browser/i.test(failure.message)) {
    return "This browser doesn't support passkeys. Use a recovery code, or another browser.";
  }
  return "Your browser couldn't finish the passkey request. Try again.";
}
