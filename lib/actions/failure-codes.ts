// Codes a form reacts to (not just shows): shared by the actions that return them and the components
// that read them, so neither spells them as a literal. No server-only imports: client code uses this.

/** The password wasn't confirmed in the last 5 minutes: the page opens its password prompt and retries. */
export const REAUTH_REQUIRED = "reauth_required";
/** The password typed into the prompt was wrong (audited as reauth.failed). */
export const WRONG_PASSWORD = "wrong_password";
/** The authenticator-app or recovery code typed into the prompt was wrong (audited as step_up.failed). */
export const WRONG_CODE_CODE = "wrong_code";
