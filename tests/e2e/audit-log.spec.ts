import { expect, test, type Page } from "@playwright/test";
import { randomUUID } from "node:crypto";
import { createProject, signUp } from "./helpers";

/** Clicks a button that posts a server action and waits for the action's answer. */
async function clickAndWaitForAction(page: Page, button: string) {
  const answered = page.waitForResponse((response) => response.request().method() === "POST" && Boolean(response.request().headers()["next-action"]));
  await page.getByRole("button", { name: button, exact: true }).click();
  await answered;
}

/** Runs the token debugger's generator `times` times (each run is one audit event). */
async function runDebugger(page: Page, times: number) {
  for (let run = 0; run < times; run++) await clickAndWaitForAction(page, "Generate a test token");
}

const today = () => new Date().toISOString().slice(0, 10);

test("the team audit log reads as labels with a project column, filters by action, project and date, and hides debugger runs behind a count", async ({ page }) => {
  const email = await signUp(page, "Auditor", `audit-wrapping-check-${randomUUID().slice(0, 8)}@reports.example-company.com`);
  const teamId = new URL(page.url()).pathname.split("/")[2]!;
  const projectId = await createProject(page, "Audit alpha");
  await runDebugger(page, 3);
  await page.goto(`/teams/${teamId}`);
  await createProject(page, "Audit beta");
  await page.goto(`/teams/${teamId}/settings`);
  await page.getByLabel("Team name").fill("Audited team");
  await clickAndWaitForAction(page, "Rename");

  const log = `/teams/${teamId}/audit-log`;
  await page.goto(log);
  const table = page.getByRole("table", { name: "Audit events" });
  const rows = table.locator("tbody tr");
  await expect(table.getByRole("columnheader", { name: "Project" })).toBeVisible();
  // Labels, with the stored code beside them for the CSV and scripts.
  await expect(table).toContainText("Team renamed");
  await expect(rows.filter({ hasText: "Project created" })).toHaveCount(2);
  // Debugger runs are hidden, and said to be.
  await expect(table).not.toContainText("Token debugger run");
  await expect(page.getByText("3 events", { exact: true })).toBeVisible(); // two projects created, the team renamed
  await page.getByRole("link", { name: "Show debugger runs (3)" }).click();
  await expect(page).toHaveURL(/debugger=show/);
  await expect(rows.filter({ hasText: "Token debugger run" })).toHaveCount(3);
  await expect(page.getByText("6 events", { exact: true })).toBeVisible();
  await page.getByRole("link", { name: "Hide debugger runs" }).click();
  await expect(rows.filter({ hasText: "Token debugger run" })).toHaveCount(0);

  // The project column names the project and links to its own log; team events have none.
  const alphaCreated = rows.filter({ hasText: "Project created" }).filter({ hasText: "Audit alpha" });
  await expect(rows.filter({ hasText: "Team renamed" }).getByRole("cell").nth(2)).toHaveText("–");
  await alphaCreated.getByRole("link", { name: "Audit alpha" }).click();
  await expect(page).toHaveURL(`/projects/${projectId}/settings/audit-log`);
  await expect(page.getByRole("heading", { name: "Audit log", exact: true })).toBeVisible();
  // A project's log offers only what a project records.
  const actionOptions = await page.getByLabel("Action", { exact: true }).locator("option").allTextContents();
  expect(actionOptions).toContain("Signing secret rotated");
  expect(actionOptions).not.toContain("Member invited");
  await expect(page.getByRole("table", { name: "Audit events" }).getByRole("columnheader", { name: "Project" })).toHaveCount(0);

  // Filter by action and by project on the team log.
  await page.goto(log);
  await page.getByLabel("Action", { exact: true }).selectOption({ label: "Project created" });
  await page.getByLabel("Project", { exact: true }).selectOption({ label: "Audit beta" });
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/action=project\.created/);
  await expect(rows).toHaveCount(1);
  await expect(rows).toContainText("Audit beta");
  await expect(page.getByText("1 event", { exact: true })).toBeVisible();

  // Filter by date: today holds the events, a day in 2020 none.
  await page.getByRole("link", { name: "Clear" }).click();
  await expect(page).toHaveURL(log);
  await expect(page.getByLabel("Action", { exact: true })).toHaveValue("");
  await expect(page.getByLabel("Project", { exact: true })).toHaveValue("");
  await page.getByLabel("From", { exact: true }).fill(today());
  await page.getByLabel("To", { exact: true }).fill(today());
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(new RegExp(`from=${today()}&to=${today()}`));
  await expect(rows.filter({ hasText: "Team renamed" })).toHaveCount(1);
  await page.getByLabel("From", { exact: true }).fill("2020-01-01");
  await page.getByLabel("To", { exact: true }).fill("2020-01-02");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(table).toContainText("No events match.");
  await expect(page.getByText("0 events", { exact: true })).toBeVisible();

  // The CSV says what each action is in its last column.
  const csv = await (await page.request.get(`/api/v1/audit-log/export?teamId=${teamId}`)).text();
  expect(csv.split("\r\n")[0]).toBe("time,action,actor,ip,user_agent,project_id,details,action_label");
  expect(csv).toContain(`token_debugger.used,${email}`);
  expect(csv).toMatch(/,Token debugger run\r\n/);

  // At 375 px the long address wraps only at its separators, and the filter form fits the screen.
  await page.setViewportSize({ width: 375, height: 800 });
  await page.goto(log);
  const breaks = await rows.first().getByRole("cell").nth(1).evaluate((cell) => {
    const range = document.createRange();
    const found: string[] = [];
    let previousTop: number | null = null;
    let previous = "";
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (let index = 0; index < node.textContent!.length; index++) {
        range.setStart(node, index);
        range.setEnd(node, index + 1);
        const top = range.getBoundingClientRect().top;
        const char = node.textContent![index]!;
        if (previousTop !== null && top > previousTop + 2) found.push(`${previous}|${char}`);
        previousTop = top;
        previous = char;
      }
    }
    return found;
  });
  expect(breaks.length).toBeGreaterThan(0); // the address is longer than the column
  for (const at of breaks) expect(at, `line break at ${at}`).toMatch(/^[._/+-]\||\|@$/);
  const form = page.getByRole("form", { name: "Filter the audit log" });
  expect(await form.evaluate((element) => element.scrollWidth <= element.clientWidth)).toBe(true);
});

test("bad filters get an inline message and a 400 inside the dashboard; page numbers past the end redirect", async ({ page }) => {
  await signUp(page, "Strict");
  const teamId = new URL(page.url()).pathname.split("/")[2]!;
  const projectId = await createProject(page, "Strict project");
  const log = `/teams/${teamId}/audit-log`;

  for (const [query, field, message] of [
    ["from=2026-13-01", "From", "2026-13-01 is not a date: there is no month 13."],
    ["to=2026-02-30", "To", "2026-02-30 is not a date: February 2026 has 28 days."],
    ["from=9999-99-99", "From", "9999-99-99 is not a date: there is no month 99."],
    ["from=soon", "From", '"soon" is not a date: use YYYY-MM-DD, e.g. 2026-11-24.'],
    ["from=2026-12-02&to=2026-12-01", "To", "The end date (2026-12-01) is before the start date (2026-12-02)."],
  ] as const) {
    const response = await page.goto(`${log}?${query}`);
    expect(response?.status(), query).toBe(400);
    // The message sits under its field, and the dashboard around it is all there.
    await expect(page.getByLabel(field, { exact: true })).toHaveAccessibleDescription(message);
    await expect(page.getByRole("alert").filter({ hasText: message })).toBeVisible();
    await expect(page.getByText("Fix the filter above to see events.")).toBeVisible();
    await expect(page.getByRole("heading", { name: "Team audit log" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Account" })).toBeVisible();
    await expect(page.getByRole("table", { name: "Audit events" })).toHaveCount(0);
  }
  const projectResponse = await page.goto(`/projects/${projectId}/settings/audit-log?action=member.invited`);
  expect(projectResponse?.status()).toBe(400);
  await expect(page.getByRole("alert").filter({ hasText: "recorded for the team, not a project" })).toBeVisible();

  // The CSV export refuses them before any CSV: a 400 with a JSON reason, no attachment.
  for (const from of ["2026-13-01", "2026-02-30", "9999-99-99", "soon"]) {
    const response = await page.request.get(`/api/v1/audit-log/export?teamId=${teamId}&from=${from}`);
    expect(response.status(), from).toBe(400);
    expect(response.headers()["content-disposition"]).toBeUndefined();
    expect(await response.json()).toMatchObject({ ok: false, error: { code: "invalid_filter", fields: { from: expect.stringContaining(from === "soon" ? "YYYY-MM-DD" : "is not a date") } } });
  }

  // 26 events make two pages: page=999 lands on page 2, page=0 and page=abc on page 1, filters kept.
  await page.goto(`/projects/${projectId}/settings/identity`);
  await runDebugger(page, 25);
  const rows = page.getByRole("table", { name: "Audit events" }).locator("tbody tr");
  await page.goto(`${log}?debugger=show&page=999`);
  await expect(page).toHaveURL(`${log}?debugger=show&page=2`);
  await expect(page.getByText("Page 2 of 2")).toBeVisible();
  await expect(page.getByText("26 events", { exact: true })).toBeVisible();
  await expect(rows).toHaveCount(1);
  for (const page0 of ["0", "abc"]) {
    await page.goto(`${log}?debugger=show&page=${page0}`);
    await expect(page).toHaveURL(`${log}?debugger=show`);
    await expect(page.getByText("Page 1 of 2")).toBeVisible();
    await expect(rows).toHaveCount(25);
  }
  // Debugger runs hidden, the one project.created event is one page.
  await page.goto(`${log}?page=999`);
  await expect(page).toHaveURL(log);
  await expect(page.getByText("1 event", { exact: true })).toBeVisible();
  await expect(rows).toHaveCount(1);
});
