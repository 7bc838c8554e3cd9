import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createHighlighter } from "shiki";
import { highlightCode } from "@/lib/identity/highlight";
import { envSnippet, identityStacks } from "@/lib/identity/snippets";
import { contrastRatio } from "@/tests/helpers/contrast";

// The Identity page's code blocks sit on the card surface; read its colour in both themes from the stylesheet.
const css = readFileSync("app/globals.css", "utf8");
const surface = {
  light: css.match(/@theme\s*{[^}]*--color-surface:\s*(#[0-9a-f]{6})/i)![1]!,
  dark: css.match(/html\.dark\s*{[^}]*--color-surface:\s*(#[0-9a-f]{6})/i)![1]!,
};
type Theme = keyof typeof surface;
const files = [
  ...identityStacks({ appUrl: "http://localhost:3000", projectId: "prj_7d3c0a1b9e2f4a6c8b0d1e2f" }).flatMap((stack) => stack.files),
  envSnippet("rqio_sk_" + "x".repeat(44)),
  envSnippet("rqio_sk_dev_" + "x".repeat(44), "development"),
];

/** What the stylesheet paints: the block's colour ("") and each token class's, per theme. */
function paletteFromCss(): Record<Theme, Map<string, string>> {
  const palette = { light: new Map<string, string>(), dark: new Map<string, string>() };
  for (const [, dark, name, colour] of css.matchAll(/^(html\.dark )?\.shiki(?: \.([a-z]+))? \{ color: (#[0-9a-f]{6}); \}$/gm)) {
    palette[dark ? "dark" : "light"].set(name ?? "", colour!);
  }
  return palette;
}
const palette = paletteFromCss();

const decode = (s: string) => s.replace(/&lt;|&#x3C;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#x27;|&#39;/g, "'").replace(/&amp;|&#x26;/g, "&");

/**
 * Each character's painted colour in shiki's HTML: from a span's class through the stylesheet, from its
 * inline style (shiki alone, or a pair outside the palette), or the enclosing element's (plain text).
 */
function colourPerCharacter(html: string, theme: Theme): string[] {
  const styleColour = (style: string) => style.match(new RegExp(`(?:^|;)${theme === "light" ? "color" : "--shiki-dark"}:(#[0-9A-Fa-f]{6})`))?.[1]?.toLowerCase();
  const code = html.match(/<code>([\s\S]*)<\/code>/)![1]!;
  const preStyle = html.match(/^<pre[^>]*>/)![0].match(/style="([^"]*)"/)?.[1];
  const stack: string[] = [(preStyle && styleColour(preStyle)) || palette[theme].get("")!];
  const colours: string[] = [];
  for (const [, open, close, text] of code.matchAll(/<span([^>]*)>|(<\/span>)|([^<]+)/g)) {
    if (open !== undefined) {
      const style = open.match(/style="([^"]*)"/)?.[1];
      const name = open.match(/class="([^"]*)"/)?.[1];
      const colour = style ? styleColour(style) : name && name !== "line" ? palette[theme].get(name) : stack.at(-1);
      if (!colour) throw new Error(`no ${theme} colour for <span${open}>`);
      stack.push(colour);
    } else if (close) stack.pop();
    else if (stack.length > 1) for (const _ of decode(text!)) colours.push(stack.at(-1)!); // inside a line, not the newlines between
  }
  return colours;
}

describe("highlighted snippets in light and dark", () => {
  // First in this file, so it runs on a cold highlighter: under shiki's default per-line time limit, the
  // first lines a grammar meets while compiling its patterns came out in one colour.
  // Two highlighters compile every grammar here: 14-20 s under CI-like load, so it gets twice the unit budget.
  it("paint both themes' colours through the stylesheet, the same per character as each theme alone", { timeout: 60_000 }, async () => {
    const reference = await createHighlighter({ themes: ["github-light-default", "github-dark-default"], langs: [...new Set(files.map((file) => file.language))] });
    const alone = (code: string, lang: string, theme: string) =>
      colourPerCharacter(reference.codeToHtml(code, { lang, theme, colorReplacements: { "#6e7781": "#59636e" }, tokenizeTimeLimit: 0 }), "light");
    for (const file of files) {
      const html = await highlightCode(file.code, file.language);
      expect(html, file.path).toMatch(/^<pre class="shiki shiki-themes github-light-default github-dark-default"/);
      expect(colourPerCharacter(html, "light"), file.path).toEqual(alone(file.code, file.language, "github-light-default"));
      expect(colourPerCharacter(html, "dark"), file.path).toEqual(alone(file.code, file.language, "github-dark-default"));
    }
    reference.dispose();
  });

  it("give every token of our snippets a palette class: no inline style (those were most of the snippets' bytes)", async () => {
    for (const file of files) expect(await highlightCode(file.code, file.language), file.path).not.toContain("style=");
  });

  it("keeps every token at 4.5:1 or more on the code block's surface in both themes", async () => {
    const failures: string[] = [];
    for (const theme of ["light", "dark"] as const) {
      const used = new Set<string>();
      for (const file of files) for (const colour of colourPerCharacter(await highlightCode(file.code, file.language), theme)) used.add(colour);
      for (const colour of new Set([...used, ...palette[theme].values()])) {
        const ratio = contrastRatio(colour, surface[theme]);
        if (ratio < 4.5) failures.push(`${theme}: ${colour} on ${surface[theme]} is ${ratio.toFixed(2)}:1`);
      }
    }
    expect(failures).toEqual([]);
  });
});
