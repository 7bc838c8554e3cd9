// Test data written straight through Prisma (no mocks). Import only after integration-setup ran.
import { randomUUID } from "node:crypto";
import path from "node:path";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/audit/audit-log";

export type TestUser = { id: string; email: string; name: string };

export async function createUser(label = "user"): Promise<TestUser> {
  const email = `${label}-${randomUUID()}@example.com`;
  // Not a real hash: these users never sign in with a password.
  return db.user.create({ data: { email, name: label, passwordHash: "unused" }, select: { id: true, email: true, name: true } });
}

export async function createTeam(name = "Team"): Promise<{ id: string; name: string }> {
  return db.team.create({ data: { name }, select: { id: true, name: true } });
}

export async function addMember(teamId: string, userId: string, role: string): Promise<void> {
  await db.membership.create({ data: { teamId, userId, role } });
}

/** A team with an owner, returned with an Actor for lib calls that record audit events. */
export async function createTeamWithOwner(label = "owner") {
  const team = await createTeam(`${label}'s team`);
  const user = await createUser(label);
  await addMember(team.id, user.id, "owner");
  return { team, user, actor: actorOf(user) };
}

export function actorOf(user: TestUser): Actor {
  return { id: user.id, email: user.email, ip: "127.0.0.1", userAgent: "vitest" };
}

/** The SQLite file this test process uses (set by integration-setup.ts). */
export function databaseFilePath(): string {
  const url = process.env.DATABASE_URL ?? "";
  if (!url.startsWith("file:")) throw new Error("integration-setup.ts did not set DATABASE_URL");
  return path.resolve(url.slice("file:".length));
}

/** An environment's secret pointers (production unless named): what tests check rotations against. */
export async function environmentSecrets(projectId: string, environment: "production" | "development" = "production") {
  return db.projectEnvironment.findUniqueOrThrow({
    where: { projectId_slug: { projectId, slug: environment } },
    select: { currentSecretId: true, previousSecretId: true },
  });
}
