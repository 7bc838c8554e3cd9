import "server-only";
import type { z } from "zod";
import { unstable_rethrow } from "next/navigation";
import { currentUser, type SessionUser } from "@/lib/auth/session";
import { failure, UserFacingError, type ActionResult } from "@/lib/result";
import { describeError, log } from "@/lib/log";
import type { FormAction } from "@/lib/actions/form-action";

type Input = Record<string, unknown>;

/** First message per field, in the shape forms render next to inputs. */
function fieldErrorsOf(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) out[String(issue.path[0] ?? "form")] ??= issue.message;
  return out;
}

/** zod parse → handler; expected failures come back as values, unexpected ones as a generic message. */
async function runAction<Schema extends z.ZodType<Input>, T>(
  name: string,
  schema: Schema,
  formData: FormData,
  handler: (input: z.infer<Schema>) => Promise<ActionResult<T>>,
): Promise<ActionResult<T>> {
  const parsed = schema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) {
    const fieldErrors = fieldErrorsOf(parsed.error);
    return failure(Object.values(fieldErrors)[0] ?? "Check the form and try again.", fieldErrors);
  }
  try {
    return await handler(parsed.data);
  } catch (error) {
    unstable_rethrow(error); // redirect() and notFound() are control flow, not failures
    if (error instanceof UserFacingError) {
      return failure(error.message, error.field ? { [error.field]: error.message } : undefined);
    }
    // Only UserFacingError messages reach the client; the rest is logged (redacted) for us.
    log("error", "server action failed", { action: name, error: describeError(error) });
    return failure("Something went wrong on our side. Nothing was changed; try again.");
  }
}

/**
 * The wrapper for every signed-in action (useActionState-compatible): session → zod parse → handler.
 * Anonymous callers never reach the handler, whose first line asks lib/authz/access.ts for its permission.
 */
export function authenticatedAction<Schema extends z.ZodType<Input>, T>(
  name: string,
  schema: Schema,
  handler: (input: z.infer<Schema>, user: SessionUser) => Promise<ActionResult<T>>,
): FormAction<T> {
  return async (_previous, formData) => {
    const user = await currentUser();
    if (!user) return failure("Your session has ended. Sign in again.");
    return runAction(name, schema, formData, (input) => handler(input, user));
  };
}

/** For the few actions an anonymous visitor may call (sign-up). */
export function publicAction<Schema extends z.ZodType<Input>, T>(
  name: string,
  schema: Schema,
  handler: (input: z.infer<Schema>) => Promise<ActionResult<T>>,
): FormAction<T> {
  return async (_previous, formData) => runAction(name, schema, formData, handler);
}
