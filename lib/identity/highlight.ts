import "server-only";
import { createHighlighterCore, type HighlighterCore, type ShikiTransformer } from "shiki/core";
import { createJavaScriptRegexEngine } from "shiki/engine/javascript";
import type { SnippetLanguage } from "@/lib/identity/snippets";
import { CODE_TEXT, isCodeText, tokenClass } from "@/lib/identity/code-palette";

// Both themes in one HTML: each token's (light, dark) pair becomes a class that app/globals.css paints.
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

const DARK = "--shiki-dark";
type HastNode = Parameters<NonNullable<ShikiTransformer["line"]>>[0]["children"][number];
const isPlainSpan = (node: HastNode): node is Extract<HastNode, { type: "element" }> =>
  node.type === "element" && node.tagName === "span" && Object.keys(node.properties).length === 0;

// Token colours as palette classes and plain text in the block's colour, instead of a style="" per token
// (with them, the Identity page's HTML was 150 KiB, without 110). A pair outside the palette keeps its inline style.
const tokenClasses: ShikiTransformer = {
  name: "reqio:token-classes",
  span(node, _line, _col, _lineNode, token) {
    const style = token.htmlStyle;
    if (!style || Object.keys(style).length !== 2 || !style.color || !style[DARK]) return;
    if (isCodeText(style.color, style[DARK])) node.properties = {};
    else {
      const name = tokenClass(style.color, style[DARK]);
      if (name) node.properties = { class: name };
    }
  },
  // The spans left without attributes are plain text: their text joins the line's directly.
  line(node) {
    node.children = node.children.flatMap((child) => (isPlainSpan(child) ? child.children : [child]));
  },
  // The block's own colours come from the stylesheet too (its background is the card's, see globals.css).
  pre(node) {
    const style = String(node.properties.style ?? "").toLowerCase();
    if (style.includes(`color:${CODE_TEXT.light};`) && style.endsWith(`${DARK}:${CODE_TEXT.dark}`)) delete node.properties.style;
  },
};

/**
 * Returns shiki's HTML (a <pre>); the plain text stays the source for Copy. No per-line time limit: the
 * snippets are our own text, and the default 500 ms, hit while a cold grammar compiles its patterns on a busy
 * machine, left the rest of a line in one colour.
 */
export async function highlightCode(code: string, language: SnippetLanguage): Promise<string> {
  return (await getHighlighter()).codeToHtml(code, { lang: language, themes: THEMES, defaultColor: "light", colorReplacements: COLOR_REPLACEMENTS, tokenizeTimeLimit: 0, transformers: [tokenClasses] });
}
