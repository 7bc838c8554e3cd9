import "server-only";
import { serverConfig } from "@/lib/config/server-config";
import { envSnippet, identitySnippets } from "@/lib/identity/snippets";
import { highlightCode } from "@/lib/identity/highlight";
import { identityAudience } from "@/lib/identity/audience";

export type HighlightedSnippet = { id: string; label: string; filename: string; code: string; html: string };

/** All snippets for a project, highlighted on the server; `envSecret` is masked unless revealed. */
export async function highlightedSnippets(projectId: string, envSecret: string): Promise<HighlightedSnippet[]> {
  const snippets = identitySnippets({ appUrl: serverConfig().appUrl, projectId, envSecret });
  return Promise.all(
    snippets.map(async ({ language, ...snippet }) => ({ ...snippet, html: await highlightCode(snippet.code, language) })),
  );
}

export async function highlightedEnvSnippet(secret: string): Promise<string> {
  const snippet = envSnippet(secret);
  return highlightCode(snippet.code, snippet.language);
}

export function projectAudience(projectId: string): string {
  return identityAudience(serverConfig().appUrl, projectId);
}
