import "server-only";
import type { z } from "zod";
import { unstable_rethrow } from "next/navigation";
import { failure, UserFacingError, type ActionResult } from "@/lib/result";
import { describeError, log } from "@/lib/log";

export type ActionInput = Record<string, unknown>;

/** First message per field, in the shape forms render next to inputs. */
function fieldErrorsOf(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) out[String(issue.path[0] ?? "form")] ??= issue.message;
  return out;
}

/** zod parse of the whole form; a failure carries the first message per field. */
export function parseForm<Schema extends z.ZodType<ActionInput>>(schema: Schema, formData: FormData): { ok: true; input: z.infer<Schema> } | ReturnType<typeof failure> {
  const parsed = schema.safeParse(Object.fromEntries(formData));
  if (parsed.success) return { ok: true, input: parsed.data };
  const fieldErrors = fieldErrorsOf(parsed.error);
  return failure(Object.values(fieldErrors)[0] ?? "Check the form and try again.", fieldErrors);
}

/** Runs the handler; expected failures come back as values, unexpected ones as a generic message. */
export async function runHandler<T>(name: string, handler: () => Promise<ActionResult<T>>): Promise<ActionResult<T>> {
  try {
    return await handler();
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
