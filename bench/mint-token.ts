// Prints {"projectId","token"} for the seeded demo project of the database in DATABASE_URL: a valid
// identify token, minted as the docs say. Run in a child process per database by bench/identify.ts.
import { SignJWT } from "jose";
import { db } from "@/lib/db";
import { decryptCurrentSecret } from "@/lib/identity/secret-store";
import { projectAudience } from "@/lib/identity/audience";

const project = await db.project.findFirstOrThrow({ select: { id: true } });
const { secret } = await decryptCurrentSecret(project.id, "production");
const now = Math.floor(Date.now() / 1000);
const token = await new SignJWT({ sub: "bench_user", email: "bench@example.com", traits: { plan: "pro", amount: 29900, interval: "year" } })
  .setProtectedHeader({ alg: "HS256" })
  .setAudience(projectAudience(project.id))
  .setIssuedAt(now)
  .setExpirationTime(now + 300)
  .sign(new TextEncoder().encode(secret));
console.log(JSON.stringify({ projectId: project.id, token, secret }));
await db.$disconnect();
