"use client";
import { useSyncExternalStore } from "react";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { SelectField } from "@/components/ui/select-field";
import { useRevealedSecret } from "@/components/identity/revealed-secret";
import type { HighlightedFile, HighlightedSnippets } from "@/lib/identity/identity-page-data";
import { useStackFiles } from "@/components/identity/use-stack-files";

// Disabled until hydrated, so a choice is never made before React can act on it.
const noSubscription = () => () => {};

/**
 * One file: its path, a Copy button for its exact text (or `lockedHint` where the text isn't the real
 * thing: the .env line before a reveal), and shiki's HTML rendered on our server.
 */
function FileBlock({ file, testId, lockedHint }: { file: HighlightedFile; testId: string; lockedHint?: string }) {
  return (
    <div className="overflow-hidden rounded-md border border-border" data-testid={testId}>
      <div className="flex items-center justify-between gap-2 border-b border-border bg-surface-subtle px-3 py-1.5">
        <span className="truncate font-mono text-xs text-muted" title={file.path}>{file.path}</span>
        {lockedHint === undefined ? (
          <CopyButton text={file.code} ariaLabel={`Copy ${file.path}`} className="min-h-8 shrink-0 py-1" />
        ) : (
          <span className="text-right text-xs text-muted">{lockedHint}</span>
        )}
      </div>
      {/* shiki's output, generated on our server from our own snippet text (HTML-escaped by shiki); its <pre> is
          focusable (tabindex="0") to scroll sideways, and the region names it for screen readers. */}
      <div role="region" aria-label={`${file.path} code`} className="code-block bg-surface" dangerouslySetInnerHTML={{ __html: file.html }} />
    </div>
  );
}

/** The stack picker (remembered per browser), the chosen stack's files, and the `.env` line every stack reads. */
export function StackSnippets({ projectId, snippets, currentSecretId, canReveal, teamName }: {
  projectId: string;
  snippets: HighlightedSnippets;
  currentSecretId: string;
  /** Members can't reveal: their .env line says whom to ask instead. */
  canReveal: boolean;
  teamName: string;
}) {
  const { revealed } = useRevealedSecret();
  const shown = revealed?.secretId === currentSecretId ? revealed : null;
  const hydrated = useSyncExternalStore(noSubscription, () => true, () => false);
  const { chosenId, stack, load, choose, retry } = useStackFiles(projectId, snippets.chosen);
  const label = snippets.choices.find((choice) => choice.id === chosenId)?.label ?? chosenId;
  const env = shown ? { ...snippets.env, code: `REQIO_SECRET=${shown.secret}\n`, html: shown.envSnippetHtml } : snippets.env;
  const envHint = shown ? undefined : canReveal ? "Reveal the secret to copy this line" : `Ask an owner or admin of ${teamName} for the secret`;

  return (
    <div className="flex flex-col gap-4">
      <SelectField
        label="Your stack"
        name="stack"
        id="identity-stack"
        className="sm:max-w-xs"
        value={chosenId}
        disabled={!hydrated}
        onChange={(event) => void choose(event.target.value)}
        options={snippets.choices.map((choice) => ({ value: choice.id, label: choice.label }))}
      />
      <section aria-label={`${label} files`} aria-busy={load?.state === "loading"} className="flex flex-col gap-3">
        {stack ? (
          <>
            <p className="text-sm text-muted">{stack.intro}</p>
            {stack.files.map((file) => (
              <FileBlock key={`${stack.id}-${file.id}`} file={file} testId={`snippet-${stack.id}-${file.id}`} />
            ))}
          </>
        ) : load?.state === "failed" ? (
          <div role="alert" className="flex flex-wrap items-center gap-3 text-sm text-danger">
            <span>Couldn&apos;t load the {label} files: {load.message}</span>
            <Button type="button" variant="secondary" onClick={() => void retry()}>Try again</Button>
          </div>
        ) : (
          <p className="text-sm text-muted" role="status">Loading the {label} files…</p>
        )}
        <FileBlock file={env} testId="snippet-env" lockedHint={envHint} />
      </section>
    </div>
  );
}
