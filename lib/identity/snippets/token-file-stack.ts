import type { SnippetFile, SnippetStack } from "./types";

/** A stack that is one token-minting file (id "token"): the languages that need no route or component. */
export function tokenFileStack(stack: Pick<SnippetStack, "id" | "label" | "intro">, file: Omit<SnippetFile, "id">): SnippetStack {
  return { ...stack, files: [{ id: "token", ...file }] };
}
