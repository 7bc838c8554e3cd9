// prisma/schema.prisma is the one definition of the models; the PostgreSQL schema is derived from it
// (Prisma can't switch providers by environment). `npm run db:schemas` rewrites it; a test fails on drift.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const SQLITE_SCHEMA = path.join(root, "prisma", "schema.prisma");
export const POSTGRES_SCHEMA = path.join(root, "prisma", "postgresql", "schema.prisma");

const HEADER = "// GENERATED from prisma/schema.prisma by `npm run db:schemas`: edit that file, not this one.\n";

/** The PostgreSQL twin of the SQLite schema: same models, other provider, its own generated client. */
export function postgresSchemaFrom(sqliteSchema) {
  const replace = (text, from, to) => {
    if (!text.includes(from)) throw new Error(`prisma/schema.prisma no longer contains ${from}; update scripts/postgres-schema.mjs`);
    return text.replace(from, to);
  };
  let schema = replace(sqliteSchema, 'provider = "sqlite"', 'provider = "postgresql"');
  schema = replace(schema, 'output     = "../lib/generated/prisma"', 'output     = "../../lib/generated/prisma-postgresql"');
  return HEADER + schema;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  fs.writeFileSync(POSTGRES_SCHEMA, postgresSchemaFrom(fs.readFileSync(SQLITE_SCHEMA, "utf8")));
  console.log(`wrote ${path.relative(root, POSTGRES_SCHEMA)}`);
}
