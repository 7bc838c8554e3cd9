import "server-only";
import { LRUCache } from "lru-cache";
import { serverConfig } from "@/lib/config/server-config";
import { envSnippet, identityStacks, type SnippetFile, type SnippetStack } from "@/lib/identity/snippets";
import { highlightCode } from "@/lib/identity/highlight";
import { latestSecretChange } from "@/lib/audit/audit-log";

export type HighlightedFile = Omit<SnippetFile, "language"> & { html: string };
export type HighlightedStack = Omit<SnippetStack, "files"> & { files: HighlightedFile[] };
/** The picker's stacks plus the `.env` line every stack shares. */
export type HighlightedSnippets = { stacks: HighlightedStack[]; env: HighlightedFile };

// shiki costs several milliseconds per file, yet the HTML depends only on (APP_URL, project, the .env
// line shown). Bounded: one entry is some tens of KB, so a process holds a few MB however many
// projects its admins open. Never a revealed secret: only the masked value or the members' placeholder.
const snippetCache = new LRUCache<string, HighlightedSnippets>({ max: 256 });

async function highlightFile({ language, ...file }: SnippetFile): Promise<HighlightedFile> {
  return { ...file, html: await highlightCode(file.code, language) };
}

/** Every stack for a project, highlighted on the server; `envSecret` is the masked secret or a placeholder. */
export async function highlightedSnippets(projectId: string, envSecret: string): Promise<HighlightedSnippets> {
  const appUrl = serverConfig().appUrl;
  const key = JSON.stringify([appUrl, projectId, envSecret]);
  const cached = snippetCache.get(key);
  if (cached) return cached;
  const stacks = await Promise.all(
    identityStacks({ appUrl, projectId }).map(async (stack) => ({ ...stack, files: await Promise.all(stack.files.map(highlightFile)) })),
  );
  const highlighted = { stacks, env: await highlightFile(envSnippet(envSecret)) };
  snippetCache.set(key, highlighted);
  return highlighted;
}

/**
 * Highlights every stack once for a sample project at boot, in the background: shiki compiles each
 * language's grammar on first use (seconds on a busy machine), which would otherwise fall on the first
 * admin to open an Identity page.
 */
export async function warmSnippetHighlighting(): Promise<void> {
  const sample = identityStacks({ appUrl: serverConfig().appUrl, projectId: "prj_0000000000000000000000" });
  for (const stack of sample) for (const file of stack.files) await highlightFile(file);
}

/** The .env line with a revealed secret: highlighted per reveal and never cached. */
export async function highlightedEnvSnippet(secret: string): Promise<string> {
  const snippet = envSnippet(secret);
  return highlightCode(snippet.code, snippet.language);
}

type SecretChange = NonNullable<Awaited<ReturnType<typeof latestSecretChange>>>;

// "Rotated by …" names the event that made the current secret current. That event never changes: the
// audit log is append-only, and a rotation writes it in the transaction that swaps the secret, so a new
// current secret is a new key. Cached per secret ID, so a render doesn't query the audit log for it.
const changeCache = new LRUCache<string, SecretChange>({ max: 1024 });

export async function currentSecretChange(projectId: string, currentSecretId: string): Promise<SecretChange | null> {
  const key = JSON.stringify([projectId, currentSecretId]);
  const cached = changeCache.get(key);
  if (cached) return cached;
  const change = await latestSecretChange(projectId);
  if (change) changeCache.set(key, change);
  return change;
}
