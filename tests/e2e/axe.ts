import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

/** axe-core with every default rule, none disabled, once the page shows `theme`; a violation is a soft failure naming where. */
export async function expectNoViolations(page: Page, what: string, theme: string): Promise<void> {
  await expect(page.locator("html")).toHaveClass(theme === "dark" ? /\bdark\b/ : /^(?!.*\bdark\b)/);
  const results = await new AxeBuilder({ page }).analyze();
  const found = results.violations.flatMap((violation) =>
    violation.nodes.map((node) => `${violation.id} at ${node.target.join(" ")}: ${node.failureSummary?.split("\n").slice(1).join(" ").trim()}`),
  );
  expect.soft(found, `${what} (${theme}, ${page.viewportSize()!.width}px)`).toEqual([]);
}
