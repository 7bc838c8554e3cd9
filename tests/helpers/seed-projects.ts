// Child-process fixture for the master-key tests: creates N projects (each with a sealed signing secret)
// under whatever REQIO_ENCRYPTION_KEY this process is given, and prints their IDs as JSON.
import { createProject } from "@/lib/projects/projects";
import { db } from "@/lib/db";
import { createTeamWithOwner } from "./fixtures";

const count = Number(process.argv[2] ?? 1);
const { team, actor } = await createTeamWithOwner("seed");
const ids: string[] = [];
for (let i = 0; i < count; i += 1) ids.push((await createProject({ teamId: team.id, name: `Project ${i + 1}`, actor })).id);
console.log(JSON.stringify(ids));
await db.$disconnect();
