import "server-only";
import { createHighlighterCore, type HighlighterCore } from "shiki/core";
import { createJavaScriptRegexEngine } from "shiki/engine/javascript";
import type { SnippetLanguage } from "@/lib/identity/snippets";

const THEME = "github-light";

// One highlighter per server process, created on first use; the JS regex engine avoids loading WASM.
let highlighter: Promise<HighlighterCore> | undefined;

function getHighlighter(): Promise<HighlighterCore> {
  highlighter ??= createHighlighterCore({
    themes: [import("shiki/themes/github-light.mjs")],
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

/** Returns shiki's HTML (a <pre>); the plain text stays the source for Copy. */
export async function highlightCode(code: string, language: SnippetLanguage): Promise<string> {
  return (await getHighlighter()).codeToHtml(code, { lang: language, theme: THEME });
}
