// Production and Development per project, end to end on this file's real database: tokens through the
// real identify server, their stats per environment, rotations that stay in their environment.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SignJWT } from "jose";
import { db } from "@/lib/db";
import { createProject } from "@/lib/projects/projects";
import { decryptCurrentSecret } from "@/lib/identity/secret-store";
import { rotateIdentitySecret } from "@/lib/identity/secret-rotation";
import { integrationStatus } from "@/lib/identity/integration-status";
import { projectVerification, reloadProjectVerification } from "@/lib/identity/project-keys";
import { UserFacingError } from "@/lib/result";
import { debugIdentityToken } from "@/lib/identity/token-debugger";
import { identifyUrl, request, startIdentifyServer, testPort, type RunningServer } from "../helpers/identify-server";
import { createTeamWithOwner, environmentSecrets } from "../helpers/fixtures";

const APP_URL = "http://localhost:3000";
type Environment = "production" | "development";

let server: RunningServer;
beforeAll(async () => {
  server = await startIdentifyServer(testPort(50), { APP_URL });
});
afterAll(async () => {
  await server?.stop();
});

async function newProject(label: string) {
  const owner = await createTeamWithOwner(label);
  const project = await createProject({ teamId: owner.team.id, name: label, actor: owner.actor });
  return { ...owner, projectId: project.id };
}

async function mint(projectId: string, environment: Environment, sub: string, options: { amount?: number; expiredAgo?: number } = {}) {
  const { secret } = await decryptCurrentSecret(projectId, environment);
  const now = Math.floor(Date.now() / 1000) - (options.expiredAgo ?? 0);
  return new SignJWT({ sub, email: `${sub}@example.com`, traits: options.amount ? { plan: "pro", amount: options.amount, interval: "month" } : {} })
    .setProtectedHeader({ alg: "HS256" })
    .setAudience(`${APP_URL}/p/${projectId}`)
    .setIssuedAt(now)
    .setExpirationTime(now + 300)
    .sign(new TextEncoder().encode(secret));
}

const identify = (projectId: string, token: string) =>
  request(identifyUrl(server, projectId), { body: JSON.stringify({ token }), from: "127.0.0.51", headers: { origin: "https://shop.example" } });

/** The identify server writes its stats within a second or so: wait for the condition, not a fixed time. */
async function until(condition: () => Promise<boolean>, what: string) {
  for (const deadline = Date.now() + 15_000; !(await condition()); ) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
const counted = async (projectId: string, environment: string, code: string) =>
  (await db.verificationCounter.aggregate({ where: { projectId, environment, code }, _sum: { count: true } }))._sum.count ?? 0;

describe("identified users and counts are kept per environment", () => {
  it("a token the development secret verified is stored and counted only under development; production is unchanged", async () => {
    const { projectId } = await newProject("stats");
    const production = await identify(projectId, await mint(projectId, "production", "prod_user", { amount: 4900 }));
    expect(production.status).toBe(200);
    expect(production.body).toMatchObject({ ok: true, environment: "production", user: { id: "prod_user", mrrCents: 4900 } });
    await until(async () => (await db.identifiedUser.count({ where: { projectId } })) === 1, "the production user");
    const before = await integrationStatus(projectId, "production");

    const development = await identify(projectId, await mint(projectId, "development", "dev_user", { amount: 9900 }));
    expect(development.body).toMatchObject({ ok: true, environment: "development", user: { id: "dev_user", mrrCents: 9900 } });
    // Signed with the development secret but expired: a development rejection, never production's.
    const expired = await identify(projectId, await mint(projectId, "development", "dev_late", { expiredAgo: 3600 }));
    expect(expired.body.error.code).toBe("token_expired");
    // Signed with no secret of this project: belongs to no environment, so both list it.
    expect((await identify(projectId, "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln")).status).toBe(401);
    await until(async () => (await counted(projectId, "development", "ok")) === 1 && (await counted(projectId, "development", "token_expired")) === 1, "the development stats");
    await until(async () => (await db.verificationCounter.count({ where: { projectId, environment: "" } })) > 0, "the unattributed rejection");
    // The recorder writes one stat at a time: the development user can land after its counters.
    await until(async () => (await db.identifiedUser.count({ where: { projectId, environment: "development" } })) === 1, "the development user");

    const after = await integrationStatus(projectId, "production");
    expect(after.accepted).toBe(before.accepted);
    expect(after.recentUsers).toEqual(before.recentUsers);
    expect(after.recentUsers.map((user) => [user.id, user.mrrCents])).toEqual([["prod_user", 4900]]);
    expect(after.rejected.map((reason) => reason.cause)).toEqual(["bad_signature"]);

    const dev = await integrationStatus(projectId, "development");
    expect(dev.accepted).toBe(1);
    expect(dev.recentUsers.map((user) => [user.id, user.mrrCents])).toEqual([["dev_user", 9900]]);
    expect(dev.rejected.map((reason) => reason.cause).sort()).toEqual(["bad_signature", "token_expired"]);
    expect(await db.identifiedUser.findMany({ where: { projectId }, select: { externalId: true, environment: true }, orderBy: { externalId: "asc" } })).toEqual([
      { externalId: "dev_user", environment: "development" },
      { externalId: "prod_user", environment: "production" },
    ]);
  });

  it("a production token from a page on localhost is counted as a warning on production's status", async () => {
    const { projectId } = await newProject("localhost");
    const token = await mint(projectId, "production", "laptop_user");
    const answer = await request(identifyUrl(server, projectId), { body: JSON.stringify({ token }), from: "127.0.0.52", headers: { origin: "http://localhost:5173" } });
    expect(answer.body).toMatchObject({ ok: true, environment: "production" });
    const devToken = await mint(projectId, "development", "laptop_dev");
    await request(identifyUrl(server, projectId), { body: JSON.stringify({ token: devToken }), from: "127.0.0.52", headers: { origin: "http://localhost:5173" } });
    await until(async () => (await counted(projectId, "development", "ok")) === 1 && (await counted(projectId, "production", "ok")) === 1, "both tokens' stats");
    expect((await integrationStatus(projectId, "production")).warnings.productionFromLocalhost).toBe(1);
    expect((await integrationStatus(projectId, "development")).warnings.productionFromLocalhost).toBe(0);
  });
});

describe("the token debugger", () => {
  it("says which environment's secret signed a token", async () => {
    const { projectId } = await newProject("debugger");
    await reloadProjectVerification(projectId);
    const signature = async (environment: Environment) =>
      (await debugIdentityToken(projectId, await mint(projectId, environment, "debug_user"))).checks.find((check) => check.id === "signature")?.detail;
    expect(await signature("development")).toMatch(/^Verified with current development secret ••••/);
    expect(await signature("production")).toMatch(/^Verified with current secret ••••/);
  });
});

describe("rotation per environment", () => {
  it("rotating one environment leaves the other's secrets, keys and audit untouched, and its events name the environment", async () => {
    const s = await newProject("rotate-one");
    const production = await environmentSecrets(s.projectId);
    const productionSecret = (await decryptCurrentSecret(s.projectId, "production")).secret;
    const development = await environmentSecrets(s.projectId, "development");
    const rotated = await rotateIdentitySecret({ environment: "development", projectId: s.projectId, teamId: s.team.id, expectedSecretId: development.currentSecretId!, actor: s.actor });
    expect(rotated.secret).toMatch(/^rqio_sk_dev_/);

    expect(await environmentSecrets(s.projectId)).toEqual(production);
    expect((await decryptCurrentSecret(s.projectId, "production")).secret).toBe(productionSecret);
    expect((await environmentSecrets(s.projectId, "development")).currentSecretId).toBe(rotated.summary.id);
    await reloadProjectVerification(s.projectId);
    const keys = (await projectVerification(s.projectId))!.keys.map((key) => [key.id, key.environment]);
    expect(keys).toEqual([[production.currentSecretId, "production"], [rotated.summary.id, "development"]]);

    const event = await db.auditEvent.findFirstOrThrow({ where: { projectId: s.projectId, action: "secret.rotated" } });
    expect(JSON.parse(event.details)).toMatchObject({ environment: "development", newFingerprint: rotated.summary.fingerprint });
  });

  it("20 concurrent rotations across both environments keep exactly one current secret per environment", async () => {
    const s = await newProject("rotate-race");
    const start = { production: await environmentSecrets(s.projectId), development: await environmentSecrets(s.projectId, "development") };
    const attempts = Array.from({ length: 20 }, (_, i) => {
      const environment: Environment = i % 2 === 0 ? "production" : "development";
      return rotateIdentitySecret({ environment, projectId: s.projectId, teamId: s.team.id, expectedSecretId: start[environment].currentSecretId!, actor: s.actor })
        .then(() => environment);
    });
    const results = await Promise.allSettled(attempts);
    const won = results.flatMap((result) => (result.status === "fulfilled" ? [result.value] : []));
    for (const result of results) if (result.status === "rejected") expect(result.reason).toBeInstanceOf(UserFacingError);
    expect(won.sort()).toEqual(["development", "production"]); // one winner per environment, whoever it was

    for (const environment of ["production", "development"] as const) {
      const { currentSecretId, previousSecretId } = await environmentSecrets(s.projectId, environment);
      expect(previousSecretId).toBeNull(); // "immediately": the replaced secret is retired
      const live = await db.identitySecret.findMany({ where: { projectId: s.projectId, environment, ciphertext: { not: null } }, select: { id: true } });
      expect(live).toEqual([{ id: currentSecretId }]);
      expect((await decryptCurrentSecret(s.projectId, environment)).summary.id).toBe(currentSecretId);
    }
    // A losing attempt left no secret behind: 2 first secrets + 2 winners.
    expect(await db.identitySecret.count({ where: { projectId: s.projectId } })).toBe(4);
  });

  it("a development ciphertext moved onto the production row does not open: it is sealed to its environment", async () => {
    const s = await newProject("bound");
    const production = await environmentSecrets(s.projectId);
    const development = await environmentSecrets(s.projectId, "development");
    const { ciphertext } = await db.identitySecret.findUniqueOrThrow({ where: { id: development.currentSecretId! }, omit: { ciphertext: false } });
    await db.identitySecret.update({ where: { id: production.currentSecretId! }, data: { ciphertext } });
    await expect(decryptCurrentSecret(s.projectId, "production")).rejects.toThrow(/could not be decrypted/);
  });
});
