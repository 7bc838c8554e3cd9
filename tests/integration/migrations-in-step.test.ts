// The committed migrations of the provider under test build exactly the schema that
// prisma/schema.prisma (or its derived PostgreSQL twin) describes: a migration missing, edited by
// hand or forgotten for one provider makes this fail. The suite runs once per provider in CI.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { execSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isPostgres, openRawSql } from "../helpers/raw-sql";
import { repoRoot } from "../helpers/run-script";
import { schemaShape, type SchemaShape } from "../helpers/schema-shape";
import { createEmptyDatabase, dropDatabase, postgresAdminUrl } from "../helpers/postgres-databases";

const provider = isPostgres() ? "postgresql" : "sqlite";
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "reqio-drift-"));
let pushedUrl = "";

async function shapeOf(url: string): Promise<SchemaShape> {
  const raw = openRawSql(url, { readonly: true });
  try {
    return await schemaShape(raw, provider);
  } finally {
    await raw.close();
  }
}

beforeAll(async () => {
  pushedUrl = await createEmptyDatabase("reqio_fromschema", path.join(tmp, "from-schema.db"));
  // The tables straight from the schema file, without reading any migration (`db push` can't
  // introspect PostgreSQL through the JS engine, so the schema's own DDL is applied instead).
  const schema = provider === "postgresql" ? "prisma/postgresql/schema.prisma" : "prisma/schema.prisma";
  const ddl = execSync(`npx prisma migrate diff --from-empty --to-schema-datamodel ${schema} --script`, {
    cwd: repoRoot,
    env: { ...process.env, DATABASE_URL: pushedUrl },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
  expect(ddl).toContain('CREATE TABLE "IdentitySecret"');
  const raw = openRawSql(pushedUrl);
  await raw.exec(ddl);
  await raw.close();
}, 120_000);

afterAll(async () => {
  const adminUrl = postgresAdminUrl();
  if (adminUrl && pushedUrl) await dropDatabase(adminUrl, pushedUrl);
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe(`${provider} migrations`, () => {
  it("build the same tables, columns, indexes and foreign keys as the schema", async () => {
    const migrated = await shapeOf(process.env.DATABASE_URL!); // migrated by integration-setup.ts
    const pushed = await shapeOf(pushedUrl);
    expect(Object.keys(pushed)).toContain("IdentitySecret"); // the comparison sees real tables
    expect(pushed.Team!.columns.join("\n")).toContain("membershipVersion");
    expect(migrated).toEqual(pushed);
  });
});
