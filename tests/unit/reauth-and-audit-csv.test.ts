import { describe, expect, it } from "vitest";
import { isRecentReauth as isRecent, reauthToken as tokenFor, REAUTH_WINDOW_MS } from "@/lib/auth/reauth-token";

// Pure functions with the signing key passed in: no config, no database.
const KEY = "test-auth-secret";
const reauthToken = (...args: [string, number, number]) => tokenFor(KEY, ...args);
const isRecentReauth = (...args: [string | undefined, string, number, number]) => isRecent(KEY, ...args);
import { AUDIT_CSV_HEADER, auditCsvRow, csvCell } from "@/lib/audit/audit-csv";
import { AUDIT_ACTION_INFO, AUDIT_ACTIONS, auditActionLabel, auditActionsFor } from "@/lib/audit/audit-actions";
import { auditExportHref, auditFilterQuery, hasBadAuditLogFilter, parseAuditFilter, parseAuditPageFilter } from "@/lib/audit/audit-filter";
import { formatDuration } from "@/lib/format-time";

describe("re-authentication cookie", () => {
  const t0 = 1_800_000_000_000;
  const token = reauthToken("user_1", 3, t0);
  it("is valid for the same user and session version within 5 minutes", () => {
    expect(isRecentReauth(token, "user_1", 3, t0)).toBe(true);
    expect(isRecentReauth(token, "user_1", 3, t0 + REAUTH_WINDOW_MS - 1)).toBe(true);
  });
  it("expires after 5 minutes and is refused for another user, a newer session version, or any tampering", () => {
    expect(isRecentReauth(token, "user_1", 3, t0 + REAUTH_WINDOW_MS)).toBe(false);
    expect(isRecentReauth(token, "user_2", 3, t0)).toBe(false);
    expect(isRecentReauth(token, "user_1", 4, t0)).toBe(false);
    expect(isRecentReauth(token.replace(`.${t0}.`, `.${t0 + 60_000}.`), "user_1", 3, t0 + 60_000)).toBe(false);
    expect(isRecentReauth(`${token}x`, "user_1", 3, t0)).toBe(false);
    expect(isRecentReauth(undefined, "user_1", 3, t0)).toBe(false);
    expect(isRecentReauth("a.b.c", "user_1", 3, t0)).toBe(false);
  });
  it("a token signed with another key is refused", () => {
    expect(isRecent("another-key", token, "user_1", 3, t0)).toBe(false);
  });
  it("a confirmation dated in the future is refused", () => {
    expect(isRecentReauth(reauthToken("user_1", 3, t0 + 10_000), "user_1", 3, t0)).toBe(false);
  });
});

describe("audit CSV", () => {
  it("quotes per RFC 4180, defuses spreadsheet formulas, and appends the action's label as the last column", () => {
    expect(csvCell('say "hi", ok')).toBe('"say ""hi"", ok"');
    expect(csvCell("=HYPERLINK(\"x\")")).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell("+1")).toBe("'+1");
    expect(csvCell("@cmd")).toBe("'@cmd");
    expect(csvCell(null)).toBe("");
    expect(AUDIT_CSV_HEADER.join(",")).toBe("time,action,actor,ip,user_agent,project_id,details,action_label");
    const row = auditCsvRow({ createdAt: new Date("2026-11-24T10:00:00Z"), action: "secret.rotated", actorLabel: "a@b.co", ip: "1.2.3.4", userAgent: null, projectId: "prj_1", details: '{"grace":"24h"}' });
    expect(row).toBe('2026-11-24T10:00:00.000Z,secret.rotated,a@b.co,1.2.3.4,,prj_1,"{""grace"":""24h""}",Signing secret rotated\r\n');
  });
});

describe("audit action labels", () => {
  it("every action in AUDIT_ACTIONS has its own label and a scope, and the table holds nothing else", () => {
    for (const action of AUDIT_ACTIONS) {
      const info = (AUDIT_ACTION_INFO as Record<string, { label: string; scope: string } | undefined>)[action];
      expect(info?.label.trim(), action).toMatch(/^[A-Z]/);
      expect(info?.label, action).not.toContain(action);
      expect(["team", "project"], action).toContain(info?.scope);
    }
    expect(Object.keys(AUDIT_ACTION_INFO).sort()).toEqual([...AUDIT_ACTIONS].sort());
    const labels = AUDIT_ACTIONS.map(auditActionLabel);
    expect(new Set(labels).size).toBe(labels.length);
  });
  it("a code no longer in the list is shown as stored", () => {
    expect(auditActionLabel("token_debugger.used")).toBe("Token debugger run");
    expect(auditActionLabel("legacy.thing")).toBe("legacy.thing");
  });
  it("a project's log offers only project-scoped actions; the team's offers all", () => {
    expect(auditActionsFor("team")).toEqual([...AUDIT_ACTIONS]);
    expect(auditActionsFor("project")).toContain("secret.rotated");
    expect(auditActionsFor("project")).toContain("token_debugger.used");
    for (const teamOnly of ["member.invited", "team.renamed", "password.changed", "sessions.revoked"]) expect(auditActionsFor("project")).not.toContain(teamOnly);
  });
});

describe("audit filters", () => {
  const team = (params: Record<string, string>) => parseAuditPageFilter(params, "team");
  it("parses valid filters into UTC day bounds", () => {
    const parsed = team({ action: "secret.rotated", actor: " a@b.co ", project: "prj_0123456789abcdefABCDEF", from: "2024-02-29", to: "2026-11-30", page: "2" });
    expect(parsed.errors).toEqual({});
    expect(parsed.filter).toEqual({
      action: "secret.rotated", actor: "a@b.co", project: "prj_0123456789abcdefABCDEF",
      from: new Date("2024-02-29T00:00:00.000Z"), to: new Date("2026-11-30T23:59:59.999Z"), debuggerRuns: "hide", page: 2,
    });
    expect(team({ from: "2026-11-24", to: "2026-11-24" }).errors).toEqual({});
    expect(team({ action: "", actor: "", from: "", to: "" })).toMatchObject({ errors: {}, filter: { page: 1, debuggerRuns: "hide" } });
  });

  it.each([
    ["month 13", "2026-13-01", "2026-13-01 is not a date: there is no month 13."],
    ["month 00", "2026-00-10", "2026-00-10 is not a date: there is no month 00."],
    ["30 February", "2026-02-30", "2026-02-30 is not a date: February 2026 has 28 days."],
    ["29 February outside a leap year", "2025-02-29", "2025-02-29 is not a date: February 2025 has 28 days."],
    ["31 April", "2026-04-31", "2026-04-31 is not a date: April 2026 has 30 days."],
    ["day 00", "2026-05-00", "2026-05-00 is not a date: May 2026 has 31 days."],
    ["9999-99-99", "9999-99-99", "9999-99-99 is not a date: there is no month 99."],
    ["garbage", "yesterday", '"yesterday" is not a date: use YYYY-MM-DD, e.g. 2026-11-24.'],
    ["a timestamp", "2026-11-24T10:00", '"2026-11-24T10:00" is not a date: use YYYY-MM-DD, e.g. 2026-11-24.'],
  ])("refuses %s in either date field, naming the field and why", (_case, value, message) => {
    for (const field of ["from", "to"] as const) {
      const parsed = team({ [field]: value });
      expect(parsed.errors).toEqual({ [field]: message });
      expect(parsed.filter[field]).toBeUndefined();
      expect(hasBadAuditLogFilter("/teams/team_1/audit-log", new URLSearchParams({ [field]: value }))).toBe(true);
    }
  });

  it("refuses a start after the end", () => {
    expect(team({ from: "2026-12-01", to: "2026-11-01" }).errors).toEqual({ to: "The end date (2026-11-01) is before the start date (2026-12-01)." });
  });

  it("refuses unknown actions, team-only actions on a project's log, malformed projects, long actors and odd debugger values", () => {
    expect(team({ action: "drop table" }).errors.action).toBe('"drop table" is not an audit action: pick one from the list.');
    expect(parseAuditPageFilter({ action: "member.invited" }, "project").errors.action).toBe('"Member invited" is recorded for the team, not a project: see the team\'s audit log.');
    expect(parseAuditPageFilter({ action: "member.invited" }, "team").errors).toEqual({});
    expect(team({ project: "../etc" }).errors.project).toBe("That is not a project of this team: pick one from the list.");
    expect(team({ actor: "x".repeat(255) }).errors.actor).toContain("At most 254 characters");
    expect(team({ debugger: "maybe" }).errors.debugger).toContain('use "show" or "hide"');
  });

  it("page=0, page=abc, page=-1 and page= are flagged for a redirect to the first page; big pages are kept for clamping", () => {
    for (const page of ["0", "abc", "-1", "1.5", ""]) {
      const parsed = team({ page });
      expect(parsed.errors).toEqual({});
      expect(parsed.filter.page, page).toBe(1);
      expect(parsed.pageIsValid, page).toBe(false);
    }
    expect(team({ page: "999" })).toMatchObject({ pageIsValid: true, filter: { page: 999 } });
  });

  it("only the two audit-log pages are checked by the proxy", () => {
    const bad = new URLSearchParams({ from: "2026-13-01" });
    expect(hasBadAuditLogFilter("/projects/prj_x/settings/audit-log", bad)).toBe(true);
    expect(hasBadAuditLogFilter("/teams/t/members", bad)).toBe(false);
    expect(hasBadAuditLogFilter("/teams/t/audit-log", new URLSearchParams({ from: "2026-11-01", page: "abc" }))).toBe(false);
  });

  it("links keep the filters; the export is told to hide debugger runs only when the page hides them", () => {
    const { filter } = team({ action: "secret.rotated", from: "2026-11-01", page: "3" });
    expect(auditFilterQuery(filter, { page: 1 })).toBe("action=secret.rotated&from=2026-11-01");
    expect(auditFilterQuery(filter, { debuggerRuns: "show" })).toBe("action=secret.rotated&from=2026-11-01&debugger=show&page=3");
    expect(auditExportHref({ teamId: "t1", projectId: "prj_1" }, filter)).toBe("/api/v1/audit-log/export?teamId=t1&projectId=prj_1&action=secret.rotated&from=2026-11-01&debugger=hide");
    expect(parseAuditFilter({}, { scope: "team", debuggerRunsByDefault: "show" }).filter.debuggerRuns).toBe("show");
  });
});

describe("formatDuration", () => {
  it("counts down to the minute", () => {
    expect(formatDuration((23 * 60 + 12) * 60_000)).toBe("23 h 12 min");
    expect(formatDuration(4 * 60_000 - 1)).toBe("3 min");
    expect(formatDuration(24 * 3_600_000 - 5_000)).toBe("23 h 59 min");
    expect(formatDuration(30_000)).toBe("less than a minute");
    expect(formatDuration(6 * 24 * 3_600_000 + 2 * 3_600_000)).toBe("6 d 2 h");
  });
});
