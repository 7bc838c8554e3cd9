import { expect, test } from "@playwright/test";
import * as OTPAuth from "otpauth";
import { specClients } from "./addresses";
import { expectNoViolations } from "./axe";
import { forgetPasswordConfirmation, signUpOwner } from "./helpers";

test.skip(!!process.env.REQIO_TEST_POSTGRES_URL, "markup, contrast and keyboard paths don't depend on the database: this runs in the suite's SQLite pass");

// The second-factor screens through axe (every default rule) in both themes at a desktop and a phone
// width, as accessibility.spec.ts does for the rest: Account before, during and after an app setup, the
// code prompt (and Escape from it back to its trigger), and Team settings with the requirement switch.

const clients = specClients("second-factor-accessibility");

for (const theme of ["light", "dark"] as const) {
  for (const width of [1280, 375] as const) {
    test(`Account's second factor, the code prompt and the team switch pass axe (${theme}, ${width}px)`, async ({ browser }) => {
      test.setTimeout(120_000);
      const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme: theme, extraHTTPHeaders: { "x-forwarded-for": clients.next() } });
      const page = await context.newPage();
      const { teamId } = await signUpOwner(page, "Axel");
      await page.goto("/account");
      await expectNoViolations(page, "account without a second factor", theme);

      await page.getByRole("button", { name: "Set up an authenticator app" }).click();
      const secret = (await page.getByTestId("totp-secret").innerText()).replace(/\s/g, "");
      await expectNoViolations(page, "authenticator app setup", theme);
      // No sideways scrolling at 375 px either: the key and the QR code wrap or fit.
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      await page.getByLabel("6-digit code").fill(new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret) }).generate());
      await page.getByRole("button", { name: "Turn on" }).click();
      await expect(page.getByTestId("recovery-codes")).toBeVisible();
      await expectNoViolations(page, "recovery codes shown", theme);

      await forgetPasswordConfirmation(page);
      await page.reload();
      const remove = page.getByRole("button", { name: "Remove authenticator app" });
      await remove.focus();
      await page.keyboard.press("Enter");
      const prompt = page.getByRole("dialog", { name: "Confirm with your authenticator app" });
      await expect(prompt.getByLabel("6-digit code")).toBeFocused();
      await expectNoViolations(page, "code prompt", theme);
      await page.keyboard.press("Escape");
      await expect(prompt).toBeHidden();
      await expect(remove).toBeFocused();
      await page.keyboard.press("Enter");
      await prompt.getByRole("button", { name: "Use a recovery code instead" }).click();
      await expect(prompt.getByLabel("Recovery code")).toBeVisible();
      await expectNoViolations(page, "code prompt, recovery code", theme);
      await page.keyboard.press("Escape");
      await expect(prompt).toBeHidden();

      await page.goto(`/teams/${teamId}/settings`);
      await expect(page.getByRole("region", { name: "Second factor" })).toBeVisible();
      await expectNoViolations(page, "team settings", theme);
      await context.close();
    });
  }
}
