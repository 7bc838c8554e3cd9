import "server-only";
import { headers } from "next/headers";

type RequestHeaders = Awaited<ReturnType<typeof headers>>;

// Next hands every call within one request the same headers object: it is the request's identity here.
const memos = new WeakMap<RequestHeaders, Map<string, Promise<unknown>>>();
let nextMemoId = 0;

async function currentRequest(): Promise<RequestHeaders | null> {
  try {
    return await headers();
  } catch {
    return null; // outside a request (scripts, tests): nothing to share
  }
}

/**
 * Memoizes `load` for the rest of one request, keyed by its arguments, so the layouts and the page of a
 * render share one lookup (what React's cache() does, without React in lib/). Server actions call
 * forgetRequestMemos() after their handler, so the render that follows a change reads afresh.
 */
export function perRequest<Args extends readonly (string | number)[], T>(load: (...args: Args) => Promise<T>): (...args: Args) => Promise<T> {
  const memoId = nextMemoId++;
  return async (...args) => {
    const request = await currentRequest();
    if (!request) return load(...args);
    let memo = memos.get(request);
    if (!memo) memos.set(request, (memo = new Map()));
    const key = `${memoId}:${JSON.stringify(args)}`;
    const known = memo.get(key) as Promise<T> | undefined;
    if (known) return known;
    const pending = load(...args);
    memo.set(key, pending);
    pending.catch(() => memo.delete(key)); // a failed lookup isn't remembered
    return pending;
  };
}

/** Drops what this request remembered: after a write, the same request must not answer from before it. */
export async function forgetRequestMemos(): Promise<void> {
  const request = await currentRequest();
  if (request) memos.delete(request);
}
