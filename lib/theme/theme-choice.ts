// The colour theme a visitor chose: remembered in a cookie so the server renders it into <html data-theme>,
// and applied before first paint by THEME_BOOT_SCRIPT (only "system" needs the browser to decide).

export const THEME_COOKIE = "reqio-theme";
export const THEME_CHOICES = ["light", "dark", "system"] as const;
export type ThemeChoice = (typeof THEME_CHOICES)[number];

/** Anything but a known choice (no cookie, a tampered one) means "follow the system". */
export function parseThemeChoice(value: string | undefined): ThemeChoice {
  return (THEME_CHOICES as readonly string[]).includes(value ?? "") ? (value as ThemeChoice) : "system";
}

export function isDarkTheme(choice: ThemeChoice, systemPrefersDark: boolean): boolean {
  return choice === "dark" || (choice === "system" && systemPrefersDark);
}

/** A year; Lax is enough (it only picks colours) and it is readable by the page's own script. */
export function themeCookie(choice: ThemeChoice, secure: boolean): string {
  return `${THEME_COOKIE}=${choice}; Path=/; Max-Age=31536000; SameSite=Lax${secure ? "; Secure" : ""}`;
}

/**
 * Inline in <head> (with the CSP nonce), so it runs before the body paints: sets the `dark` class from
 * <html data-theme> and, for "system", follows prefers-color-scheme as it changes. Same rule as isDarkTheme.
 */
export const THEME_BOOT_SCRIPT = `(function(){var d=document.documentElement,m=matchMedia("(prefers-color-scheme: dark)");function a(){var t=d.dataset.theme;d.classList.toggle("dark",t==="dark"||(t!=="light"&&m.matches))}a();m.addEventListener("change",a)})()`;
