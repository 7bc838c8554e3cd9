import type { ActionResult } from "@/lib/result";

/** The outcome of a form's last submission, announced to screen readers. */
export function FormStatus({ result }: { result: ActionResult<unknown> | null }) {
  if (!result) return null;
  if (result.ok) {
    return result.message ? <p role="status" className="text-sm text-success">{result.message}</p> : null;
  }
  return <p role="alert" className="text-sm text-danger">{result.error}</p>;
}
