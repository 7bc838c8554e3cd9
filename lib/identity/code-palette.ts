// The highlighted snippets' colours as classes, painted by app/globals.css in light and dark, instead of
// shiki's inline style per token: those styles were most of the Identity page's HTML and RSC payload.
// Each class is one (github-light-default, github-dark-default) pair of colours our snippets use; comments
// carry highlight.ts's darker light grey. tests/unit/code-theme.test.ts holds the stylesheet to shiki's own
// colours per character, so a pair that is missing or wrong here fails there.

export type ThemeColours = { light: string; dark: string };

/** The code block's text colour: tokens in it are plain text, without a span or class. */
export const CODE_TEXT: ThemeColours = { light: "#1f2328", dark: "#e6edf3" };

/** Token classes (two letters keep the HTML small) and the colour pair each stands for. */
export const TOKEN_CLASSES: Readonly<Record<string, ThemeColours>> = {
  sk: { light: "#cf222e", dark: "#ff7b72" }, // keywords
  ss: { light: "#0a3069", dark: "#a5d6ff" }, // strings
  sf: { light: "#8250df", dark: "#d2a8ff" }, // function and type names
  sc: { light: "#0550ae", dark: "#79c0ff" }, // constants, properties
  sv: { light: "#953800", dark: "#ffa657" }, // variables, parameters
  sm: { light: "#59636e", dark: "#8b949e" }, // comments
  st: { light: "#116329", dark: "#7ee787" }, // tags
};

const pairKey = (light: string, dark: string) => `${light}|${dark}`.toLowerCase();
const classByPair = new Map(Object.entries(TOKEN_CLASSES).map(([name, { light, dark }]) => [pairKey(light, dark), name]));

/** Whether a token in these colours is plain text in the block's own colour (then it needs no span). */
export function isCodeText(light: string, dark: string): boolean {
  return pairKey(light, dark) === pairKey(CODE_TEXT.light, CODE_TEXT.dark);
}

/** The palette class for a token in these colours; undefined outside the palette (it keeps its inline style). */
export function tokenClass(light: string, dark: string): string | undefined {
  return classByPair.get(pairKey(light, dark));
}
