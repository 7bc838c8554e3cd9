import "server-only";
import { LRUCache } from "lru-cache";
import { serverConfig } from "@/lib/config/server-config";
import { envSnippet, identityStacks, type SnippetFile, type SnippetStack } from "@/lib/identity/snippets";
import { highlightCode } from "@/lib/identity/highlight";
import { latestSecretChange } from "@/lib/audit/audit-log";
import { authorizeProject, PROJECT_NOT_FOUND } from "@/lib/authz/access";
import type { Environment } from "@/lib/identity/environments";

export type HighlightedFile = Omit<SnippetFile, "language"> & { html: string };
export type HighlightedStack = Omit<SnippetStack, "files"> & { files: HighlightedFile[] };
export type StackChoice = Pick<SnippetStack, "id" | "label">;
/**
 * What the page renders: the picker's choices, the chosen stack's files and the `.env` line every stack
 * shares. Only the chosen stack: the others (about two thirds of the page's HTML) load when picked.
 */
export type HighlightedSnippets = { choices: StackChoice[]; chosen: HighlightedStack; env: HighlightedFile };

// shiki costs several milliseconds per file, yet the HTML depends only on (APP_URL, project, stack) or on
// the .env line shown. Bounded: one stack is a few tens of KB, so a process holds a few MB however many
// projects its admins open. Never a revealed secret: only the masked value or the members' placeholder.
const stackCache = new LRUCache<string, HighlightedStack>({ max: 512 });
const envCache = new LRUCache<string, HighlightedFile>({ max: 64 });

async function highlightFile({ language, ...file }: SnippetFile): Promise<HighlightedFile> {
  return { ...file, html: await highlightCode(file.code, language) };
}

function projectStacks(projectId: string): SnippetStack[] {
  return identityStacks({ appUrl: serverConfig().appUrl, projectId });
}

async function highlightStack(projectId: string, stack: SnippetStack): Promise<HighlightedStack> {
  const key = JSON.stringify([serverConfig().appUrl, projectId, stack.id]);
  const cached = stackCache.get(key);
  if (cached) return cached;
  const highlighted = { ...stack, files: await Promise.all(stack.files.map(highlightFile)) };
  stackCache.set(key, highlighted);
  return highlighted;
}

async function highlightEnv(envSecret: string, environment: Environment): Promise<HighlightedFile> {
  const key = `${environment}|${envSecret}`;
  const cached = envCache.get(key);
  if (cached) return cached;
  const highlighted = await highlightFile(envSnippet(envSecret, environment));
  envCache.set(key, highlighted);
  return highlighted;
}

/**
 * The page's snippets: `chosenStackId` (the browser's remembered choice; anything unknown means the
 * first stack) highlighted on the server; `envSecret` is the masked secret or a placeholder.
 */
export async function highlightedSnippets(projectId: string, environment: Environment, envSecret: string, chosenStackId?: string): Promise<HighlightedSnippets> {
  const stacks = projectStacks(projectId);
  const chosen = stacks.find((stack) => stack.id === chosenStackId) ?? stacks[0]!;
  const [highlighted, env] = await Promise.all([highlightStack(projectId, chosen), highlightEnv(envSecret, environment)]);
  return { choices: stacks.map(({ id, label }) => ({ id, label })), chosen: highlighted, env };
}

export type StackSnippetsError = { ok: false; error: { code: "signed_out" | "not_found" | "unknown_stack"; message: string } };

/**
 * What GET /api/v1/projects/{id}/snippets/{stack} answers when the picker switches stacks: the page's
 * own check (a member of the project's team), so another team's project is "not found" like a missing one.
 */
export async function stackSnippetsResponse(userId: string | null, projectId: string, stackId: string): Promise<
  { status: 200; body: HighlightedStack } | { status: 401 | 404; body: StackSnippetsError }
> {
  if (!userId) return { status: 401, body: { ok: false, error: { code: "signed_out", message: "Sign in to see this project's snippets." } } };
  const access = await authorizeProject(userId, projectId, "project:view");
  if (!access.ok) return { status: 404, body: { ok: false, error: { code: "not_found", message: PROJECT_NOT_FOUND } } };
  const stacks = projectStacks(access.project.id);
  const stack = stacks.find((candidate) => candidate.id === stackId);
  if (!stack) {
    const known = stacks.map((candidate) => candidate.id).join(", ");
    return { status: 404, body: { ok: false, error: { code: "unknown_stack", message: `There is no stack "${stackId.slice(0, 40)}". Stacks: ${known}.` } } };
  }
  return { status: 200, body: await highlightStack(access.project.id, stack) };
}

/**
 * Highlights every stack once for a sample project at boot, in the background: shiki compiles each
 * language's grammar on first use (seconds on a busy machine), which would otherwise fall on the first
 * admin to open an Identity page or pick a stack.
 */
export async function warmSnippetHighlighting(): Promise<void> {
  for (const stack of projectStacks("prj_0000000000000000000000")) for (const file of stack.files) await highlightFile(file);
}

/** The .env line with a revealed secret: highlighted per reveal and never cached. */
export async function highlightedEnvSnippet(secret: string, environment: Environment): Promise<string> {
  const snippet = envSnippet(secret, environment);
  return highlightCode(snippet.code, snippet.language);
}

type SecretChange = NonNullable<Awaited<ReturnType<typeof latestSecretChange>>>;

// "Rotated by …" names the event that made the current secret current. That event never changes: the
// audit log is append-only, and a rotation writes it in the transaction that swaps the secret, so a new
// current secret is a new key. Cached per secret ID, so a render doesn't query the audit log for it.
const changeCache = new LRUCache<string, SecretChange>({ max: 1024 });

export async function currentSecretChange(projectId: string, current: { id: string; fingerprint: string }): Promise<SecretChange | null> {
  const key = JSON.stringify([projectId, current.id]);
  const cached = changeCache.get(key);
  if (cached) return cached;
  const change = await latestSecretChange(projectId, current.fingerprint);
  if (change) changeCache.set(key, change);
  return change;
}
