// A project with its real secret and tokens signed with it the docs' way (jose), for the tests that post
// to a running identify server. Import after integration-setup.ts has chosen the test's database.
import { SignJWT } from "jose";
import { createProject } from "@/lib/projects/projects";
import { decryptCurrentSecret } from "@/lib/identity/secret-store";
import { createTeamWithOwner } from "./fixtures";

type Environment = "production" | "development";

export async function projectWithToken(label: string, appUrl: string): Promise<{ id: string; mint: (sub?: string, environment?: Environment) => Promise<string> }> {
  const owner = await createTeamWithOwner(label);
  const { id } = await createProject({ teamId: owner.team.id, name: label, actor: owner.actor });
  const secrets = { production: (await decryptCurrentSecret(id, "production")).secret, development: (await decryptCurrentSecret(id, "development")).secret };
  /** A token for `sub` (with an email) signed with the environment's secret, issued now and valid for 300 s. */
  const mint = (sub = "user_1", environment: Environment = "production") => {
    const secret = secrets[environment];
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({ sub, email: `${sub}@example.com` })
      .setProtectedHeader({ alg: "HS256" })
      .setAudience(`${appUrl}/p/${id}`)
      .setIssuedAt(now)
      .setExpirationTime(now + 300)
      .sign(new TextEncoder().encode(secret));
  };
  return { id, mint };
}
