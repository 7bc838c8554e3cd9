import Bowser from "bowser";

/** "Chrome 131 on Linux" from a User-Agent header; what the Account page's session list calls a device. */
export function deviceLabel(userAgent: string): string {
  if (!userAgent) return "Unknown browser";
  const { browser, os } = Bowser.parse(userAgent);
  const major = browser.version?.split(".")[0];
  const name = browser.name ? [browser.name, major].filter(Boolean).join(" ") : "Unknown browser";
  return os.name ? `${name} on ${os.name}` : name;
}
