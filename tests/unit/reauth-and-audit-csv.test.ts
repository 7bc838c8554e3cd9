import { describe, expect, it } from "vitest";
import { isRecentReauth as isRecent, reauthToken as tokenFor, REAUTH_WINDOW_MS } from "@/lib/auth/reauth-token";

// Pure functions with the signing key passed in: no config, no database.
const KEY = "test-auth-secret";
const reauthToken = (...args: [string, number, number]) => tokenFor(KEY, ...args);
const isRecentReauth = (...args: [string | undefined, string, number, number]) => isRecent(KEY, ...args);
import { auditCsvRow, csvCell } from "@/lib/audit/audit-csv";
import { parseAuditFilter } from "@/lib/audit/audit-filter";
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
  it("quotes per RFC 4180 and defuses spreadsheet formulas", () => {
    expect(csvCell('say "hi", ok')).toBe('"say ""hi"", ok"');
    expect(csvCell("=HYPERLINK(\"x\")")).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell("+1")).toBe("'+1");
    expect(csvCell("@cmd")).toBe("'@cmd");
    expect(csvCell(null)).toBe("");
    const row = auditCsvRow({ createdAt: new Date("2026-11-24T10:00:00Z"), action: "secret.rotated", actorLabel: "a@b.co", ip: "1.2.3.4", userAgent: null, projectId: "prj_1", details: '{"grace":"24h"}' });
    expect(row).toBe('2026-11-24T10:00:00.000Z,secret.rotated,a@b.co,1.2.3.4,,prj_1,"{""grace"":""24h""}"\r\n');
  });
});

describe("audit filters", () => {
  it("parses valid filters and reports bad ones without failing", () => {
    expect(parseAuditFilter({ action: "secret.rotated", actor: "a@b.co", from: "2026-11-01", to: "2026-11-30", page: "2" }).filter).toEqual({
      action: "secret.rotated", actor: "a@b.co", from: new Date("2026-11-01T00:00:00.000Z"), to: new Date("2026-11-30T23:59:59.999Z"), page: 2,
    });
    const bad = parseAuditFilter({ action: "drop table", from: "yesterday", page: "-3" });
    expect(bad.filter).toEqual({ page: 1 });
    expect(bad.errors.join(" ")).toContain("from");
    expect(parseAuditFilter({ from: "2026-12-01", to: "2026-11-01" }).errors).toContain("The start date is after the end date.");
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
