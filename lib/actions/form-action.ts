import type { ActionResult } from "@/lib/result";

/** A server action as forms call it through useActionState. Type-only, so client code may import it. */
export type FormAction<T> = (previous: ActionResult<T> | null, formData: FormData) => Promise<ActionResult<T>>;
