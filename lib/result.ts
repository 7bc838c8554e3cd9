/** What every server action returns: forms render `error`/`fieldErrors`; nothing expected is thrown. */
export type ActionResult<T = null> =
  | { ok: true; data: T; message?: string }
  | { ok: false; error: string; code?: string; fieldErrors?: Partial<Record<string, string>> };

export type Failure = Extract<ActionResult<never>, { ok: false }>;

export function success<T>(data: T, message?: string): ActionResult<T> {
  return message === undefined ? { ok: true, data } : { ok: true, data, message };
}

export function failure(error: string, fieldErrors?: Failure["fieldErrors"]): Failure {
  return fieldErrors ? { ok: false, error, fieldErrors } : { ok: false, error };
}

/** A failure the client reacts to by its code (e.g. "reauth_required" opens the password prompt). */
export function coded(code: string, error: string): Failure {
  return { ok: false, error, code };
}

/** Thrown for a failure whose message is safe and useful to show; anything else becomes a generic error. */
export class UserFacingError extends Error {
  override name = "UserFacingError";
  /** The form field the message belongs next to, if any. */
  readonly field: string | undefined;
  constructor(message: string, options: { field?: string } = {}) {
    super(message);
    this.field = options.field;
  }
}

/** The message under `field`: its own, or with `orFormError` (a one-field form) the failure's message. */
export function fieldError(result: ActionResult<unknown> | null, field: string, options: { orFormError?: boolean } = {}): string | undefined {
  if (!result || result.ok) return undefined;
  return result.fieldErrors?.[field] ?? (options.orFormError ? result.error : undefined);
}

/** Whether a failure is already shown under one of the form's fields, so the form doesn't repeat it. */
export function hasFieldErrors(result: ActionResult<unknown> | null): boolean {
  return !!result && !result.ok && Object.keys(result.fieldErrors ?? {}).length > 0;
}
