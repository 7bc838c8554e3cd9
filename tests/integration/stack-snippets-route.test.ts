// The Identity page's stack picker loads a stack it didn't render from this route: who may, what it answers.
import { beforeAll, describe, expect, it, vi } from "vitest";

// Only the session lookup is mocked (who is calling the route handler); the database and checks are real.
const caller = vi.hoisted(() => ({ user: null as { id: string; email: string; name: string } | null }));
vi.mock("@/lib/auth/session", () => ({ currentUser: async () => caller.user }));

const { createProject } = await import("@/lib/projects/projects");
const { GET } = await import("@/app/api/v1/projects/[projectId]/snippets/[stackId]/route");
const { addMember, createTeamWithOwner, createUser } = await import("../helpers/fixtures");

let ours: Awaited<ReturnType<typeof createTeamWithOwner>>;
let theirs: Awaited<ReturnType<typeof createTeamWithOwner>>;
let member: { id: string; email: string; name: string };
let projectId: string;

beforeAll(async () => {
  ours = await createTeamWithOwner("stack-owner");
  theirs = await createTeamWithOwner("stack-stranger");
  member = await createUser("stack-member");
  await addMember(ours.team.id, member.id, "member");
  projectId = (await createProject({ teamId: ours.team.id, name: "Stacks", actor: ours.actor })).id;
});

async function get(user: typeof caller.user, stackId: string, id = projectId) {
  caller.user = user;
  try {
    const response = await GET(new Request(`http://localhost/api/v1/projects/${id}/snippets/${stackId}`), { params: Promise.resolve({ projectId: id, stackId }) });
    return { status: response.status, cacheControl: response.headers.get("cache-control"), body: await response.json() };
  } finally {
    caller.user = null;
  }
}

describe("GET /api/v1/projects/{id}/snippets/{stack}", () => {
  it("gives a member every stack's files, filled in with this project and highlighted, and no cache keeps them", async () => {
    for (const stackId of ["nextjs", "node", "express", "python", "ruby", "php", "go", "java", "widget-html", "widget-jsx"]) {
      const { status, cacheControl, body } = await get(member, stackId);
      expect(status).toBe(200);
      expect(cacheControl).toBe("private, no-store");
      expect(body.id).toBe(stackId);
      expect(body.files.length).toBeGreaterThan(0);
      expect(body.files.map((file: { code: string }) => file.code).join("\n")).toContain(projectId);
      for (const file of body.files) expect(file.html).toMatch(/^<pre class="shiki/);
    }
  });

  it("says signed out, not found (another team's project, a missing one) and which stacks exist", async () => {
    expect(await get(null, "python")).toMatchObject({ status: 401, body: { ok: false, error: { code: "signed_out" } } });
    expect(await get(theirs.user, "python")).toMatchObject({ status: 404, body: { ok: false, error: { code: "not_found" } } });
    expect(await get(member, "python", "prj_0000000000000000000000")).toMatchObject({ status: 404, body: { error: { code: "not_found" } } });
    const unknown = await get(member, "cobol");
    expect(unknown).toMatchObject({ status: 404, body: { ok: false, error: { code: "unknown_stack" } } });
    expect(unknown.body.error.message).toContain("python");
  });
});
