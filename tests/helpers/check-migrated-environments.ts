// Child-process check for the environments migration test, on DATABASE_URL: gives every project its
// missing environments (as the dashboard's boot does), then reports, per project, its decrypted live
// production secrets, whether a token signed with each verifies (and as which environment), and its
// development secret's prefix. Prints JSON; never run against a real deployment.
import { SignJWT } from "jose";
import { db } from "@/lib/db";
import { createMissingEnvironments } from "@/lib/identity/environment-store";
import { decryptLiveSecrets } from "@/lib/identity/live-secrets";
import { projectVerification } from "@/lib/identity/project-keys";
import { verifyIdentityToken } from "@/lib/identity/token-verifier";

async function verifies(projectId: string, secret: string) {
  const verification = await projectVerification(projectId);
  const now = Math.floor(Date.now() / 1000);
  const token = await new SignJWT({ sub: "migrated_user" })
    .setProtectedHeader({ alg: "HS256" })
    .setAudience(verification!.audience)
    .setIssuedAt(now)
    .setExpirationTime(now + 300)
    .sign(new TextEncoder().encode(secret));
  const result = verifyIdentityToken(token, verification!);
  return result.ok ? { ok: true, environment: result.environment } : { ok: false, code: result.code };
}

const created = await createMissingEnvironments();
const again = await createMissingEnvironments();
const report: Record<string, unknown> = { created, again };
for (const { id } of await db.project.findMany({ select: { id: true }, orderBy: { id: "asc" } })) {
  const production = await decryptLiveSecrets(id, "production");
  const development = await decryptLiveSecrets(id, "development");
  report[id] = {
    current: production.current.secret,
    previous: production.previous?.secret ?? null,
    currentVerifies: await verifies(id, production.current.secret),
    previousVerifies: production.previous ? await verifies(id, production.previous.secret) : null,
    developmentPrefix: development.current.secret.slice(0, "rqio_sk_dev_".length),
    developmentVerifies: await verifies(id, development.current.secret),
  };
}
console.log(JSON.stringify(report));
await db.$disconnect();
