// Creates the demo admin, team and project once; later runs only print the login again.
import { db } from "@/lib/db";
import { registerUser } from "@/lib/auth/credentials";
import { createProject } from "@/lib/projects/projects";
import { stopRateLimitSync } from "@/lib/http/rate-limit";

const DEMO_EMAIL = "demo@reqio.dev";
const DEMO_PASSWORD = "calm-harbor-2026";

async function seedDemo() {
  const existing = await db.user.findUnique({ where: { email: DEMO_EMAIL }, select: { id: true } });
  if (!existing) {
    const { userId, teamId } = await registerUser({ name: "Demo Admin", email: DEMO_EMAIL, password: DEMO_PASSWORD, ip: "seed" });
    await db.team.update({ where: { id: teamId }, data: { name: "Demo team" } });
    await createProject({ teamId, name: "Demo project", actor: { id: userId, email: DEMO_EMAIL, ip: null, userAgent: "seed" } });
  }
  console.log(`\n  Demo login: ${DEMO_EMAIL} / ${DEMO_PASSWORD}\n`);
}

await seedDemo();
// The sign-up limiter may have opened a Redis or PostgreSQL connection: close it, or the process stays.
await stopRateLimitSync();
await db.$disconnect();
