import "server-only";
import { createHighlighterCore, type HighlighterCore } from "shiki/core";
import { createJavaScriptRegexEngine } from "shiki/engine/javascript";
import type { SnippetLanguage } from "@/lib/identity/snippets";

// Both themes in one HTML: light colours inline, dark ones as --shiki-dark (app/globals.css swaps them).
// GitHub's "default" pair keeps every token at 4.5:1 or more on the card's surface in both themes.
const THEMES = { light: "github-light-default", dark: "github-dark-default" } as const;
// Comments are 4.55:1 on white as shipped; a darker grey (GitHub's current muted text) leaves some margin.
const COLOR_REPLACEMENTS = { "github-light-default": { "#6e7781": "#59636e" } };

// One highlighter per server process, created on first use; the JS regex engine avoids loading WASM.
let highlighter: Promise<HighlighterCore> | undefined;

function getHighlighter(): Promise<HighlighterCore> {
  highlighter ??= createHighlighterCore({
    themes: [import("shiki/themes/github-light-default.mjs"), import("shiki/themes/github-dark-default.mjs")],
    langs: [
      import("shiki/langs/typescript.mjs"),
      import("shiki/langs/javascript.mjs"),
      import("shiki/langs/html.mjs"),
      import("shiki/langs/dotenv.mjs"),
      import("shiki/langs/tsx.mjs"),
      import("shiki/langs/python.mjs"),
      import("shiki/langs/ruby.mjs"),
      import("shiki/langs/php.mjs"),
      import("shiki/langs/go.mjs"),
      import("shiki/langs/java.mjs"),
    ],
    engine: createJavaScriptRegexEngine(),
  });
  return highlighter;
}

/**
 * Returns shiki's HTML (a <pre>); the plain text stays the source for Copy. No per-line time limit: the
 * snippets are our own text, and the default 500 ms, hit while a cold grammar compiles its patterns on a busy
 * machine, left the rest of a line in one colour.
 */
export async function highlightCode(code: string, language: SnippetLanguage): Promise<string> {
  return (await getHighlighter()).codeToHtml(code, { lang: language, themes: THEMES, defaultColor: "light", colorReplacements: COLOR_REPLACEMENTS, tokenizeTimeLimit: 0 });
}
