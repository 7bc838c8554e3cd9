// Fresh fixtures for one call in the authorization matrix: a team with every role, one of its
// projects and a pending invite, plus an owner of a *different* team. Written straight through
// Prisma and lib/ (no mocks); import only after integration-setup.ts ran.
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import { createProject } from "@/lib/projects/projects";
import { createInvitation } from "@/lib/invitations/invitations";
import { addMember, actorOf, createTeamWithOwner, createUser, type TestUser, environmentSecrets } from "./fixtures";

export const ACTORS = ["anonymous", "member", "admin", "owner", "otherTeamOwner"] as const;
export type ActorName = (typeof ACTORS)[number];
export const OUTCOMES = ["ok", "denied", "not_found", "signed_out", "reauth", "second_factor"] as const;
export type Outcome = (typeof OUTCOMES)[number];

export type World = {
  team: { id: string; name: string };
  project: { id: string; name: string; currentSecretId: string; developmentSecretId: string };
  /** The team's setting: may members reveal development secrets? */
  membersRevealDevelopmentSecret: boolean;
  owner: TestUser;
  admin: TestUser;
  member: TestUser;
  /** Another plain member: the target of role changes, removal and transfer. */
  bystander: TestUser;
  otherTeamOwner: TestUser;
  invitation: { id: string; token: string; email: string };
};

export async function buildWorld(options: { membersRevealDevelopmentSecret?: boolean } = {}): Promise<World> {
  const membersRevealDevelopmentSecret = options.membersRevealDevelopmentSecret ?? false;
  const { team, user: owner, actor } = await createTeamWithOwner("owner");
  await db.team.update({ where: { id: team.id }, data: { membersRevealDevelopmentSecret } });
  const [admin, member, bystander] = await Promise.all([createUser("admin"), createUser("member"), createUser("bystander")]);
  await addMember(team.id, admin.id, "admin");
  await addMember(team.id, member.id, "member");
  await addMember(team.id, bystander.id, "member");
  const other = await createTeamWithOwner("other-owner");
  await createProject({ teamId: other.team.id, name: "Theirs", actor: other.actor });
  const project = await createProject({ teamId: team.id, name: `Ours ${randomUUID().slice(0, 6)}`, actor });
  const { currentSecretId } = await environmentSecrets(project.id);
  const development = await environmentSecrets(project.id, "development");
  const invite = await createInvitation({
    teamId: team.id,
    email: `invitee-${randomUUID()}@example.com`,
    role: "member",
    actorRole: "owner",
    actor,
  });
  return {
    team,
    project: { ...project, currentSecretId: currentSecretId!, developmentSecretId: development.currentSecretId! },
    membersRevealDevelopmentSecret,
    owner,
    admin,
    member,
    bystander,
    otherTeamOwner: other.user,
    invitation: { id: invite.invitationId, token: invite.link.split("/invite/")[1]!, email: invite.email },
  };
}

export function actingUser(world: World, actor: ActorName): TestUser | null {
  return actor === "anonymous" ? null : world[actor];
}

export { actorOf };
