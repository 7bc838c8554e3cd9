"use client";
import Link from "next/link";
import { Button } from "@/components/ui/button";

/** Next's digest of a server error: the same value is in the server log beside the full error. */
function digestOf(error: unknown): string | null {
  if (typeof error !== "object" || error === null || !("digest" in error)) return null;
  return typeof error.digest === "string" ? error.digest : null;
}

/**
 * A dashboard page that failed to render, in plain words. The error's message and stack are never
 * shown (they may hold internals); the digest is the reference that finds them in the server log.
 */
export function RouteError({ error, retry }: { error: unknown; retry: () => void }) {
  const digest = digestOf(error);
  return (
    <div className="mx-auto flex max-w-md flex-col items-start gap-3 py-16" data-testid="route-error">
      <h1 className="text-2xl font-semibold">This page couldn&apos;t be shown</h1>
      <p className="text-muted">
        Something went wrong on our side while loading it. Nothing was changed. Try again in a moment; if it keeps happening, contact
        support with the reference below.
      </p>
      {digest && (
        <p className="text-sm text-muted">
          Reference: <code className="font-mono text-text" data-testid="error-reference">{digest}</code>
        </p>
      )}
      <div className="flex flex-wrap items-center gap-4">
        <Button onClick={retry}>Try again</Button>
        <Link href="/" className="text-sm font-medium text-link underline">Back to your projects</Link>
      </div>
    </div>
  );
}
