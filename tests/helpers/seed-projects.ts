// Child-process fixture for the master-key tests: creates N projects (each with a sealed signing secret)
// under whatever REQIO_ENCRYPTION_KEY this process is given, and prints their IDs as JSON. An optional
// second argument R rotates the first R projects' production secret once, leaving R retired diagnosis copies.
import { createProject } from "@/lib/projects/projects";
import { rotateIdentitySecret } from "@/lib/identity/secret-rotation";
import { db } from "@/lib/db";
import { createTeamWithOwner, environmentSecrets } from "./fixtures";

const count = Number(process.argv[2] ?? 1);
const retired = Number(process.argv[3] ?? 0);
const { team, actor } = await createTeamWithOwner("seed");
const ids: string[] = [];
for (let i = 0; i < count; i += 1) ids.push((await createProject({ teamId: team.id, name: `Project ${i + 1}`, actor })).id);
for (const projectId of ids.slice(0, retired)) {
  const { currentSecretId } = await environmentSecrets(projectId);
  await rotateIdentitySecret({ projectId, teamId: team.id, environment: "production", expectedSecretId: currentSecretId!, actor });
}
console.log(JSON.stringify(ids));
await db.$disconnect();
