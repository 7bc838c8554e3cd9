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
const files = [...identityStacks({ appUrl: "http://localhost:3000", projectId: "prj_7d3c0a1b9e2f4a6c8b0d1e2f" }).flatMap((stack) => stack.files), envSnippet("rqio_sk_" + "x".repeat(44))];

/** Each character's colour in shiki's HTML, read from the given style property. */
function colourPerCharacter(html: string, property: "color" | "--shiki-dark"): string[] {
  const colours: string[] = [];
  const text = (s: string) => s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#x27;|&#39;/g, "'").replace(/&amp;/g, "&");
  for (const [, style, content] of html.matchAll(/<span style="([^"]*)">([^<]*)<\/span>/g)) {
    const colour = style!.match(new RegExp(`(?:^|;)${property}:(#[0-9A-Fa-f]{6})`))![1]!.toLowerCase();
    for (const _ of text(content!)) colours.push(colour);
  }
  return colours;
}

describe("highlighted snippets in light and dark", () => {
  // First in this file, so it runs on a cold highlighter: under shiki's default per-line time limit, the
  // first lines a grammar meets while compiling its patterns came out in one colour.
  it("carry both themes' colours, the same per character as each theme alone", async () => {
    const reference = await createHighlighter({ themes: ["github-light-default", "github-dark-default"], langs: [...new Set(files.map((file) => file.language))] });
    const alone = (code: string, lang: string, theme: string) =>
      colourPerCharacter(reference.codeToHtml(code, { lang, theme, colorReplacements: { "#6e7781": "#59636e" }, tokenizeTimeLimit: 0 }), "color");
    for (const file of files) {
      const html = await highlightCode(file.code, file.language);
      expect(html, file.path).toMatch(/^<pre class="shiki shiki-themes github-light-default github-dark-default"/);
      expect(colourPerCharacter(html, "color"), file.path).toEqual(alone(file.code, file.language, "github-light-default"));
      expect(colourPerCharacter(html, "--shiki-dark"), file.path).toEqual(alone(file.code, file.language, "github-dark-default"));
    }
    reference.dispose();
  });

  it("keeps every token at 4.5:1 or more on the code block's surface in both themes", async () => {
    const failures: string[] = [];
    for (const file of files) {
      const html = await highlightCode(file.code, file.language);
      for (const [theme, property] of [["light", "color"], ["dark", "--shiki-dark"]] as const) {
        for (const colour of new Set(colourPerCharacter(html, property))) {
          const ratio = contrastRatio(colour, surface[theme]);
          if (ratio < 4.5) failures.push(`${file.path} ${theme}: ${colour} on ${surface[theme]} is ${ratio.toFixed(2)}:1`);
        }
      }
    }
    expect(failures).toEqual([]);
  });
});
