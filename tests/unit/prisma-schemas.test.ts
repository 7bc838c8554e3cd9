// One definition of the models: the PostgreSQL schema is derived from prisma/schema.prisma, and both
// providers ship the same sequence of migrations (tests/integration/migrations-in-step.test.ts checks
// that each sequence builds that schema).
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
// @ts-expect-error -- a plain .mjs script, run by npm; its exports are untyped
import { POSTGRES_SCHEMA, SQLITE_SCHEMA, postgresSchemaFrom } from "../../scripts/postgres-schema.mjs";

const migrationNames = (dir: string) =>
  fs.readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();

describe("Prisma schemas and migrations", () => {
  it("prisma/postgresql/schema.prisma is exactly what `npm run db:schemas` derives from prisma/schema.prisma", () => {
    const derived = postgresSchemaFrom(fs.readFileSync(SQLITE_SCHEMA, "utf8"));
    expect(derived).toContain('provider = "postgresql"');
    expect(fs.readFileSync(POSTGRES_SCHEMA, "utf8")).toBe(derived);
  });

  it("SQLite and PostgreSQL have the same migrations, each with its own SQL and lock file", () => {
    const sqlite = migrationNames("prisma/migrations");
    const postgres = migrationNames("prisma/postgresql/migrations");
    expect(sqlite.length).toBeGreaterThanOrEqual(5);
    expect(postgres).toEqual(sqlite);
    for (const name of sqlite) {
      expect(fs.existsSync(path.join("prisma/postgresql/migrations", name, "migration.sql"))).toBe(true);
    }
    expect(fs.readFileSync("prisma/migrations/migration_lock.toml", "utf8")).toContain('provider = "sqlite"');
    expect(fs.readFileSync("prisma/postgresql/migrations/migration_lock.toml", "utf8")).toContain('provider = "postgresql"');
  });

  it("the derivation refuses a schema it can't translate instead of writing a wrong one", () => {
    expect(() => postgresSchemaFrom('datasource db {\n  provider = "mysql"\n}')).toThrow(/no longer contains/);
  });
});
