import type { ActionResult } from "@/lib/result";

/** A form's last refusal, announced at once; a success is a toast instead (useActionForm). */
export function FormStatus({ result }: { result: ActionResult<unknown> | null }) {
  if (!result || result.ok) return null;
  return <p role="alert" className="text-sm text-danger">{result.error}</p>;
}
