"use client";
import { useSyncExternalStore } from "react";
import { CopyButton } from "@/components/ui/copy-button";
import { SelectField } from "@/components/ui/select-field";
import { useRevealedSecret } from "@/components/identity/revealed-secret";
import type { HighlightedFile, HighlightedSnippets } from "@/lib/identity/identity-page-data";

const STORAGE_KEY = "reqio.identity.stack";
const CHANGE_EVENT = "reqio-identity-stack";

function subscribe(onChange: () => void): () => void {
  window.addEventListener("storage", onChange);
  window.addEventListener(CHANGE_EVENT, onChange);
  return () => {
    window.removeEventListener("storage", onChange);
    window.removeEventListener(CHANGE_EVENT, onChange);
  };
}

function storedStack(): string | null {
  try {
    return window.localStorage.getItem(STORAGE_KEY);
  } catch {
    return null; // storage blocked: the picker still works, it just isn't remembered
  }
}

function rememberStack(id: string): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, id);
  } catch {
    // storage blocked: remembered for this page only, below
  }
  pageChoice = id;
  window.dispatchEvent(new Event(CHANGE_EVENT));
}

// The choice when localStorage refuses to keep it.
let pageChoice: string | null = null;
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
export function StackSnippets({ snippets, currentSecretId, canReveal, teamName }: {
  snippets: HighlightedSnippets;
  currentSecretId: string;
  /** Members can't reveal: their .env line says whom to ask instead. */
  canReveal: boolean;
  teamName: string;
}) {
  const { stacks } = snippets;
  const { revealed } = useRevealedSecret();
  const shown = revealed?.secretId === currentSecretId ? revealed : null;
  // Disabled until hydrated, so a choice is never made before React can act on it.
  const hydrated = useSyncExternalStore(noSubscription, () => true, () => false);
  const remembered = useSyncExternalStore(subscribe, () => storedStack() ?? pageChoice, () => null);
  const stack = stacks.find((candidate) => candidate.id === remembered) ?? stacks[0];
  if (!stack) return null;
  const env = shown ? { ...snippets.env, code: `REQIO_SECRET=${shown.secret}\n`, html: shown.envSnippetHtml } : snippets.env;
  const envHint = shown ? undefined : canReveal ? "Reveal the secret to copy this line" : `Ask an owner or admin of ${teamName} for the secret`;

  return (
    <div className="flex flex-col gap-4">
      <SelectField
        label="Your stack"
        name="stack"
        id="identity-stack"
        className="sm:max-w-xs"
        value={stack.id}
        disabled={!hydrated}
        onChange={(event) => rememberStack(event.target.value)}
        options={stacks.map((candidate) => ({ value: candidate.id, label: candidate.label }))}
      />
      <section aria-label={`${stack.label} files`} className="flex flex-col gap-3">
        <p className="text-sm text-muted">{stack.intro}</p>
        {stack.files.map((file) => (
          <FileBlock key={`${stack.id}-${file.id}`} file={file} testId={`snippet-${stack.id}-${file.id}`} />
        ))}
        <FileBlock file={env} testId="snippet-env" lockedHint={envHint} />
      </section>
    </div>
  );
}
