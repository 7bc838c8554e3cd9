// Once per Vitest run: migrate, through the real CLI (`prisma migrate deploy`), the template database
// every integration file starts from — a SQLite file each file copies, or on PostgreSQL a template
// database each file clones. Migrating once instead of per file saves about 2 s of CPU per file.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { execSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { TestProject } from "vitest/node";
import { createMigratedTemplate, postgresAdminUrl } from "./postgres-databases";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

declare module "vitest" {
  export interface ProvidedContext {
    /** The migrated SQLite template file (unset on PostgreSQL). */
    sqliteTemplate: string;
  }
}

export default async function setup(project: TestProject) {
  const adminUrl = postgresAdminUrl();
  if (adminUrl) {
    await createMigratedTemplate(adminUrl, repoRoot);
    project.provide("sqliteTemplate", "");
    return;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "reqio-it-template-"));
  const template = path.join(dir, "template.db");
  execSync("npx prisma migrate deploy", { cwd: repoRoot, env: { ...process.env, DATABASE_URL: `file:${template}` }, stdio: "pipe" });
  project.provide("sqliteTemplate", template);
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
