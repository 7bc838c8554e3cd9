// The audit log's CSV export and page data on a real database: bad filters are refused with a 400 before
// any CSV header is sent, the CSV gains an action_label column, and page numbers never outrun the count.
import { beforeAll, describe, expect, it, vi } from "vitest";

// Only the session lookup is mocked (who is calling the route handler); the database and checks are real.
const caller = vi.hoisted(() => ({ user: null as { id: string; email: string; name: string } | null }));
vi.mock("@/lib/auth/session", () => ({ currentUser: async () => caller.user }));

const { db } = await import("@/lib/db");
const { createProject, deleteProject } = await import("@/lib/projects/projects");
const { recordAuditEvent } = await import("@/lib/audit/audit-log");
const { loadAuditLog } = await import("@/lib/audit/audit-log-page");
const { AUDIT_PAGE_SIZE } = await import("@/lib/audit/audit-query");
const { GET } = await import("@/app/api/v1/audit-log/export/route");
const { createTeamWithOwner } = await import("../helpers/fixtures");

let owner: Awaited<ReturnType<typeof createTeamWithOwner>>;
let projectId: string;
let goneId: string;

const exportUrl = (query: Record<string, string>) => `http://localhost/api/v1/audit-log/export?${new URLSearchParams({ teamId: owner.team.id, ...query })}`;
const csvLines = async (response: Response) => (await response.text()).split("\r\n").filter(Boolean);

beforeAll(async () => {
  owner = await createTeamWithOwner("auditor");
  caller.user = owner.user;
  projectId = (await createProject({ teamId: owner.team.id, name: "Audited", actor: owner.actor })).id;
  goneId = (await createProject({ teamId: owner.team.id, name: "Gone soon", actor: owner.actor })).id;
  await deleteProject({ teamId: owner.team.id, projectId: goneId, confirmation: "Gone soon", actor: owner.actor });
  for (let run = 0; run < 3; run++) {
    await recordAuditEvent(db, { teamId: owner.team.id, projectId, actor: owner.actor, action: "token_debugger.used", details: { outcome: "ok", generated: true } });
  }
  // Dated events for the date filters: written straight through Prisma, as the writer stamps "now".
  const dated: [string, string][] = [["2026-02-28T23:59:59.999Z", "member.invited"], ["2026-03-01T00:00:00.000Z", "secret.rotated"], ["2026-03-31T12:00:00.000Z", "secret.revealed"]];
  for (const [createdAt, action] of dated) {
    await db.auditEvent.create({
      data: { teamId: owner.team.id, projectId: action === "member.invited" ? null : projectId, actorId: owner.user.id, actorLabel: owner.user.email, action, createdAt: new Date(createdAt) },
    });
  }
});

describe("CSV export refuses bad filters before sending a CSV", () => {
  it.each([
    ["month 13", { from: "2026-13-01" }, "from", "there is no month 13"],
    ["30 February", { to: "2026-02-30" }, "to", "February 2026 has 28 days"],
    ["9999-99-99", { from: "9999-99-99" }, "from", "there is no month 99"],
    ["garbage", { from: "last tuesday" }, "from", "use YYYY-MM-DD"],
    ["a start after the end", { from: "2026-03-02", to: "2026-03-01" }, "to", "is before the start date"],
    ["a team-only action on a project's export", { projectId: "", action: "member.invited" }, "action", "recorded for the team, not a project"],
  ])("%s: 400 JSON naming the field, no attachment", async (_case, query, field, message) => {
    const response = await GET(new Request(exportUrl("projectId" in query ? { ...query, projectId } : query)));
    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toContain("application/json");
    expect(response.headers.get("content-disposition")).toBeNull();
    const body = (await response.json()) as { ok: boolean; error: { code: string; message: string; fields: Record<string, string> } };
    expect(body).toMatchObject({ ok: false, error: { code: "invalid_filter" } });
    expect(body.error.fields[field]).toContain(message);
    expect(body.error.message).toContain(message);
  });

  it("signed out is still 401 and a stranger's team still 404, whatever the filter", async () => {
    caller.user = null;
    expect((await GET(new Request(exportUrl({ from: "2026-13-01" })))).status).toBe(401);
    const stranger = await createTeamWithOwner("stranger");
    caller.user = stranger.user;
    expect((await GET(new Request(exportUrl({ from: "2026-13-01" })))).status).toBe(404);
    caller.user = owner.user;
  });
});

describe("CSV export", () => {
  it("keeps the existing columns in order and appends action_label", async () => {
    const response = await GET(new Request(exportUrl({})));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toContain("attachment");
    const [header, ...rows] = await csvLines(response);
    expect(header).toBe("time,action,actor,ip,user_agent,project_id,details,action_label");
    expect(rows.length).toBe(await db.auditEvent.count({ where: { teamId: owner.team.id } }));
    expect(rows.find((row) => row.includes(",token_debugger.used,"))).toMatch(/,Token debugger run$/);
    expect(rows.find((row) => row.includes(",project.deleted,"))).toMatch(/,Project deleted$/);
  });

  it("filters by day bounds in UTC, by project, by action, and hides debugger runs only when asked", async () => {
    const actionsOf = async (query: Record<string, string>) => (await csvLines(await GET(new Request(exportUrl(query))))).slice(1).map((row) => row.split(",")[1]);
    expect(await actionsOf({ from: "2026-03-01", to: "2026-03-31" })).toEqual(["secret.revealed", "secret.rotated"]);
    expect(await actionsOf({ to: "2026-02-28" })).toEqual(["member.invited"]);
    expect((await actionsOf({ project: goneId })).sort()).toEqual(["project.created", "project.deleted"]);
    expect(await actionsOf({ action: "token_debugger.used" })).toEqual(["token_debugger.used", "token_debugger.used", "token_debugger.used"]);
    expect(await actionsOf({ projectId, debugger: "hide" })).not.toContain("token_debugger.used");
    expect(await actionsOf({ projectId })).toContain("token_debugger.used");
  });
});

describe("audit-log page data", () => {
  const base = "/teams/t/audit-log";

  it("names each event's project, deleted ones too, and leaves team events without one", async () => {
    const log = await loadAuditLog({ teamId: owner.team.id }, base, { debugger: "show" });
    if (log.redirectTo !== undefined || !log.listing) throw new Error("expected a listing");
    const byAction = (action: string) => log.listing!.events.find((event) => event.action === action);
    expect(byAction("token_debugger.used")?.project).toEqual({ id: projectId, name: "Audited", deleted: false });
    expect(byAction("project.deleted")?.project).toEqual({ id: goneId, name: "Gone soon", deleted: true });
    expect(byAction("member.invited")?.project).toBeNull();
    expect(log.projects.map((project) => project.name)).toEqual(["Audited", "Gone soon"]);
  });

  it("hides debugger runs by default and counts them; the total matches what is listed", async () => {
    const log = await loadAuditLog({ teamId: owner.team.id }, base, {});
    if (log.redirectTo !== undefined || !log.listing) throw new Error("expected a listing");
    expect(log.listing.hiddenDebuggerRuns).toBe(3);
    expect(log.listing.events.map((event) => event.action)).not.toContain("token_debugger.used");
    expect(log.listing.total).toBe(log.listing.events.length);
  });

  it("redirects a page past the last one to the last, and page=0 or page=abc to the first, keeping the filters", async () => {
    for (let index = 0; index < AUDIT_PAGE_SIZE; index++) {
      await recordAuditEvent(db, { teamId: owner.team.id, actor: owner.actor, action: "sessions.revoked" });
    }
    expect(await loadAuditLog({ teamId: owner.team.id }, base, { page: "999", action: "sessions.revoked" })).toEqual({ redirectTo: `${base}?action=sessions.revoked` });
    expect(await loadAuditLog({ teamId: owner.team.id }, base, { page: "999" })).toEqual({ redirectTo: `${base}?page=2` });
    expect(await loadAuditLog({ teamId: owner.team.id }, base, { page: "0", from: "2026-03-01" })).toEqual({ redirectTo: `${base}?from=2026-03-01` });
    expect(await loadAuditLog({ teamId: owner.team.id }, base, { page: "abc" })).toEqual({ redirectTo: base });
    expect(await loadAuditLog({ teamId: owner.team.id }, base, { page: "3", from: "2020-01-01", to: "2020-01-02" })).toEqual({ redirectTo: `${base}?from=2020-01-01&to=2020-01-02` });
    const last = await loadAuditLog({ teamId: owner.team.id }, base, { page: "2" });
    if (last.redirectTo !== undefined || !last.listing) throw new Error("expected a listing");
    expect(last.listing.events.length).toBe(last.listing.total - AUDIT_PAGE_SIZE);
  });

  it("bad filters list nothing and say what to fix", async () => {
    const log = await loadAuditLog({ teamId: owner.team.id }, base, { from: "2026-13-01" });
    if (log.redirectTo !== undefined) throw new Error("expected no redirect");
    expect(log.listing).toBeNull();
    expect(log.parsed.errors.from).toBe("2026-13-01 is not a date: there is no month 13.");
  });
});
