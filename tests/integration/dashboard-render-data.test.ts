// What keeps a dashboard render lean: a bounded sidebar, and the Identity page's cached parts (shiki's
// snippet HTML, the "Rotated by …" line) that must still change when what they show changes.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createProject, listTeamProjects, SIDEBAR_PROJECT_LIMIT, sidebarNavigation } from "@/lib/projects/projects";
import { currentSecretChange, highlightedSnippets } from "@/lib/identity/identity-page-data";
import { rotateIdentitySecret } from "@/lib/identity/secret-rotation";
import { addMember, createTeamWithOwner, environmentSecrets } from "../helpers/fixtures";

describe("the sidebar's projects", () => {
  it("lists the most recently updated few, adds the current one when it is older, and counts them all", async () => {
    const owner = await createTeamWithOwner("sidebar");
    const created: { id: string; name: string }[] = [];
    for (let i = 0; i < SIDEBAR_PROJECT_LIMIT + 5; i++) created.push(await createProject({ teamId: owner.team.id, name: `P${i}`, actor: owner.actor }));
    // Oldest first by updatedAt, whatever order the inserts got within one millisecond.
    const base = Date.now() - 60 * 60 * 1000;
    for (const [i, project] of created.entries()) await db.project.update({ where: { id: project.id }, data: { updatedAt: new Date(base + i * 1000) } });

    const sidebar = (current?: { id: string; name: string }) => sidebarNavigation(owner.user.id, owner.team.id, current);
    const plain = await sidebar();
    expect(plain.total).toBe(SIDEBAR_PROJECT_LIMIT + 5);
    expect(plain.projects.map((p) => p.name)).toEqual(created.slice(-SIDEBAR_PROJECT_LIMIT).reverse().map((p) => p.name));

    const oldest = created[0]!;
    const withCurrent = await sidebar(oldest);
    expect(withCurrent.projects).toHaveLength(SIDEBAR_PROJECT_LIMIT + 1);
    expect(withCurrent.projects.at(-1)).toEqual({ id: oldest.id, name: oldest.name });
    // Already among the recent ones: not listed twice.
    expect((await sidebar(created.at(-1)!)).projects).toHaveLength(SIDEBAR_PROJECT_LIMIT);
    // The team page keeps the full list.
    expect(await listTeamProjects(owner.team.id)).toHaveLength(SIDEBAR_PROJECT_LIMIT + 5);
  });

  it("lists every team of the user with its role, but only the current team's projects", async () => {
    const ours = await createTeamWithOwner("sidebar-ours");
    const theirs = await createTeamWithOwner("sidebar-theirs");
    await addMember(theirs.team.id, ours.user.id, "member");
    await createProject({ teamId: theirs.team.id, name: "Theirs", actor: theirs.actor });
    expect(await sidebarNavigation(ours.user.id, ours.team.id)).toEqual({
      teams: [{ ...ours.team, role: "owner" }, { ...theirs.team, role: "member" }],
      projects: [],
      total: 0,
    });
    expect(await sidebarNavigation(ours.user.id, theirs.team.id)).toMatchObject({ projects: [{ name: "Theirs" }], total: 1 });
  });
});

describe("the Identity page's caches", () => {
  it("highlights a project's chosen stack once and each shown .env value once, and never mixes projects or values", async () => {
    const owner = await createTeamWithOwner("snippets");
    const [a, b] = [await createProject({ teamId: owner.team.id, name: "A", actor: owner.actor }), await createProject({ teamId: owner.team.id, name: "B", actor: owner.actor })];
    const first = await highlightedSnippets(a.id, "production", "rqio_sk_••••abcd");
    const again = await highlightedSnippets(a.id, "production", "rqio_sk_••••abcd");
    expect(again.chosen).toBe(first.chosen); // the same objects: shiki didn't run again
    expect(again.env).toBe(first.env);
    const otherValue = await highlightedSnippets(a.id, "production", "<ask an owner>");
    expect(otherValue.chosen).toBe(first.chosen); // the stack doesn't depend on the .env line
    expect(otherValue.env).not.toBe(first.env);
    expect(otherValue.env.code).toContain("<ask an owner>");
    expect(otherValue.env.html).toContain("ask an owner");
    const otherProject = await highlightedSnippets(b.id, "production", "rqio_sk_••••abcd");
    const allCode = (snippets: typeof first) => snippets.chosen.files.map((file) => file.code).join("\n");
    expect(allCode(otherProject)).toContain(b.id);
    expect(allCode(otherProject)).not.toContain(a.id);
  });

  it("renders the browser's remembered stack, the first one for anything unknown, and lists every stack to pick", async () => {
    const owner = await createTeamWithOwner("snippets-choice");
    const { id } = await createProject({ teamId: owner.team.id, name: "Choice", actor: owner.actor });
    const python = await highlightedSnippets(id, "production", "x", "python");
    expect(python.chosen).toMatchObject({ id: "python", label: "Python" });
    expect(python.chosen.files.map((file) => file.path)).toContain("reqio_token.py");
    for (const unknown of [undefined, "", "cobol", "__proto__"]) expect((await highlightedSnippets(id, "production", "x", unknown)).chosen.id).toBe("nextjs");
    expect(python.choices.map((choice) => choice.id)).toEqual(["nextjs", "node", "express", "python", "ruby", "php", "go", "java", "widget-html", "widget-jsx"]);
  });

  it("'Rotated by …' follows the current secret: a rotation shows its own event", async () => {
    const owner = await createTeamWithOwner("history");
    const project = await createProject({ teamId: owner.team.id, name: "History", actor: owner.actor });
    const { currentSecretId } = await environmentSecrets(project.id);
    const created = await db.identitySecret.findUniqueOrThrow({ where: { id: currentSecretId! }, select: { id: true, fingerprint: true } });
    expect(await currentSecretChange(project.id, created)).toMatchObject({ action: "project.created", actorLabel: owner.user.email });
    const rotated = await rotateIdentitySecret({ environment: "production", projectId: project.id, teamId: owner.team.id, expectedSecretId: currentSecretId!, actor: owner.actor });
    expect(await currentSecretChange(project.id, rotated.summary)).toMatchObject({ action: "secret.rotated", actorLabel: owner.user.email });
  });
});
