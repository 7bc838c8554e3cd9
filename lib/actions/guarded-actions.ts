import "server-only";
import type { z } from "zod";
import { db } from "@/lib/db";
import { actorFor, currentUser, type SessionUser } from "@/lib/auth/session";
import { hasRecentReauth } from "@/lib/auth/reauth";
import { emailVerificationRequired, hasUsableEmail, VERIFY_EMAIL_FIRST } from "@/lib/account/email-verification";
import { authorizeProject, authorizeTeam, type ProjectAccess, type TeamAccess } from "@/lib/authz/access";
import type { Permission } from "@/lib/authz/policy";
import { ENVIRONMENTS, isEnvironment, type Environment } from "@/lib/identity/environments";
import { recordAuditEvent, type Actor, type AuditAction, type AuditDetails } from "@/lib/audit/audit-log";
import { forgetRequestMemos } from "@/lib/http/request-memo";
import { createRateLimiter, formatRetryAfter, type RateLimiter } from "@/lib/http/rate-limit";
import { coded, failure, type ActionResult, type Failure } from "@/lib/result";
import { declareGuard } from "@/lib/actions/action-guard";
import { REAUTH_REQUIRED } from "@/lib/actions/failure-codes";
import { parseForm, runHandler, type ActionInput } from "@/lib/actions/run-action";
import type { FormAction } from "@/lib/actions/form-action";

export const SIGNED_OUT = "Your session has ended. Sign in again.";
export const PASSWORD_NEEDED = "Confirm your password to continue.";

export type AccountContext = { user: SessionUser; actor: Actor };
/** `environment`: the form's, when the guard declares `environment: true` (the permission was checked for it); else production. */
export type ScopedContext<Access> = AccountContext & { access: Access; environment: Environment };
export type TeamContext = ScopedContext<TeamAccess>;
export type ProjectContext = ScopedContext<ProjectAccess>;

/** Per signed-in user, counted only once everything else let the call through. */
export type ActionRateLimit = { limiter: RateLimiter; keyPrefix: string; refusal: (retryAfter: string) => string };

export function actionRateLimit(options: { keyPrefix: string; points: number; durationSeconds: number; refusal: (retryAfter: string) => string }): ActionRateLimit {
  const { refusal, ...limits } = options;
  return { limiter: createRateLimiter(limits), keyPrefix: options.keyPrefix, refusal };
}
/**
 * The audit event for an outcome (or null for none), recorded for the action's team and project. The
 * result is untyped here: a typed one would make TypeScript fix the action's result type from this
 * callback, before it has seen the handler.
 */
export type ActionAudit<Input> = (input: Input, result: ActionResult<unknown>) => { action: AuditAction; details?: AuditDetails } | null;

/** `verifiedEmail: true`: refused until the caller's address is verified, on a server that can verify it (lib/account/email-verification.ts). */
type Options = { name: string; reauth?: boolean; verifiedEmail?: boolean };
/** `environment: true`: the action acts on the environment the form's `environment` field names, and the permission is checked for it. */
type ScopedOptions<Input> = Options & { permission: Permission; environment?: boolean; rateLimit?: ActionRateLimit; audit?: ActionAudit<Input> };
type Handler<Input, Context, T> = (input: Input, context: Context) => Promise<ActionResult<T>>;

const formValue = (formData: FormData, key: string) => {
  const value = formData.get(key);
  return typeof value === "string" ? value : "";
};

async function callerHasUsableEmail(userId: string): Promise<boolean> {
  if (!emailVerificationRequired()) return true;
  const user = await db.user.findUnique({ where: { id: userId }, select: { emailVerifiedAt: true } });
  return user !== null && hasUsableEmail(user);
}

async function signedIn(): Promise<AccountContext | Failure> {
  const user = await currentUser();
  return user ? { user, actor: await actorFor(user) } : failure(SIGNED_OUT);
}

/** After who and what: a fresh password if asked, then the input, the rate limit, the handler and its audit event. */
async function proceed<Schema extends z.ZodType<ActionInput>, Context extends AccountContext, T>(
  options: Options & Partial<ScopedOptions<z.infer<Schema>>>,
  schema: Schema,
  formData: FormData,
  context: Context,
  handler: Handler<z.infer<Schema>, Context, T>,
  auditScope?: { teamId: string; projectId?: string; environment?: Environment },
): Promise<ActionResult<T>> {
  if (options.verifiedEmail && !(await callerHasUsableEmail(context.user.id))) return failure(VERIFY_EMAIL_FIRST);
  if (options.reauth && !(await hasRecentReauth(context.user.id))) return coded(REAUTH_REQUIRED, PASSWORD_NEEDED);
  const parsed = parseForm(schema, formData);
  if (!parsed.ok) return parsed;
  const { rateLimit, audit } = options;
  if (rateLimit) {
    const verdict = await rateLimit.limiter.consume(context.user.id);
    if (!verdict.allowed) return failure(rateLimit.refusal(formatRetryAfter(verdict.retryAfterSeconds)));
  }
  try {
    return await runHandler(options.name, async () => {
      const result = await handler(parsed.input, context);
      const event = auditScope && audit?.(parsed.input, result);
      if (event) {
        const { environment, ...scope } = auditScope;
        // The environment acted on is named in every event an environment action records.
        await recordAuditEvent(db, { ...scope, actor: context.actor, action: event.action, details: environment ? { environment, ...event.details } : event.details });
      }
      return result;
    });
  } finally {
    await forgetRequestMemos(); // the render that answers this action reads what the handler changed
  }
}

export const UNKNOWN_ENVIRONMENT = `Choose an environment: ${ENVIRONMENTS.join(" or ")}.`;

const scopedGuard = (options: Options & { permission: Permission; environment?: boolean; rateLimit?: ActionRateLimit; audit?: unknown }) => ({
  permission: options.permission,
  environment: options.environment ?? false,
  reauth: options.reauth ?? false,
  verifiedEmail: options.verifiedEmail ?? false,
  rateLimit: options.rateLimit?.keyPrefix ?? null,
  audit: options.audit !== undefined,
});

/** How a scoped action finds what it acts on: the form field naming it, the check, and where its audit events go. */
type Scope<Access> = {
  scope: "project" | "team";
  idField: string;
  authorize: (userId: string, id: string, permission: Permission, environment?: Environment) => Promise<({ ok: true } & Access) | Failure>;
  auditScope: (access: Access) => { teamId: string; projectId?: string };
};

function scopedAction<Access>({ scope, idField, authorize, auditScope }: Scope<Access>) {
  return function guarded<Schema extends z.ZodType<ActionInput>, T>(
    options: ScopedOptions<z.infer<Schema>>,
    schema: Schema,
    handler: Handler<z.infer<Schema>, ScopedContext<Access>, T>,
  ): FormAction<T> {
    const action: FormAction<T> = async (_previous, formData) => {
      const caller = await signedIn();
      if (!("user" in caller)) return caller;
      const named = formValue(formData, "environment");
      if (options.environment && !isEnvironment(named)) return failure(UNKNOWN_ENVIRONMENT);
      const environment: Environment = options.environment && isEnvironment(named) ? named : "production";
      const access = await authorize(caller.user.id, formValue(formData, idField), options.permission, options.environment ? environment : undefined);
      if (!access.ok) return access;
      const scope = auditScope(access);
      return proceed(options, schema, formData, { ...caller, access, environment }, handler, options.environment ? { ...scope, environment } : scope);
    };
    return declareGuard(action, { scope, ...scopedGuard(options) });
  };
}

/** An action on one project (the form's `projectId`): member of its team with `permission`, then the rest. */
export const projectAction = scopedAction<ProjectAccess>({
  scope: "project",
  idField: "projectId",
  authorize: authorizeProject,
  auditScope: (access) => ({ teamId: access.team.id, projectId: access.project.id }),
});

/** An action on one team (the form's `teamId`): member with `permission`, then the rest. */
export const teamAction = scopedAction<TeamAccess>({
  scope: "team",
  idField: "teamId",
  authorize: authorizeTeam,
  auditScope: (access) => ({ teamId: access.team.id }),
});

/** An action on the caller's own account (or one an invite link authorizes): the session is the permission. */
export function accountAction<Schema extends z.ZodType<ActionInput>, T>(
  options: Options,
  schema: Schema,
  handler: Handler<z.infer<Schema>, AccountContext, T>,
): FormAction<T> {
  const action: FormAction<T> = async (_previous, formData) => {
    const caller = await signedIn();
    if (!("user" in caller)) return caller;
    return proceed(options, schema, formData, caller, handler);
  };
  return declareGuard(action, { scope: "account", reauth: options.reauth ?? false, verifiedEmail: options.verifiedEmail ?? false });
}

/** For the few actions an anonymous visitor may call (sign-up). */
export function publicAction<Schema extends z.ZodType<ActionInput>, T>(
  options: { name: string },
  schema: Schema,
  handler: (input: z.infer<Schema>) => Promise<ActionResult<T>>,
): FormAction<T> {
  const action: FormAction<T> = async (_previous, formData) => {
    const parsed = parseForm(schema, formData);
    if (!parsed.ok) return parsed;
    return runHandler(options.name, () => handler(parsed.input));
  };
  return declareGuard(action, { scope: "public" });
}
