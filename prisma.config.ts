import fs from "node:fs";
import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
// The 6.19 Postgres adapter can't read the CLI's catalog queries ("Column type 'name'"); the 7.x one can.
import { PrismaPg } from "@prisma/adapter-pg-migrate";
import { resolveDatabaseTarget } from "./lib/config/database-url";

// Prisma 7's native schema engine can't be downloaded here, so the CLI runs Prisma 6 in its JS
// engine mode through a driver adapter. DATABASE_URL picks the provider: its schema (derived from
// prisma/schema.prisma) and its own migrations folder.
const database = resolveDatabaseTarget();
process.env.DATABASE_URL = database.url;
const schemaDir = database.provider === "postgresql" ? path.join("prisma", "postgresql") : "prisma";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join(schemaDir, "schema.prisma"),
  migrations: { path: path.join(schemaDir, "migrations") },
  async adapter() {
    if (database.provider === "postgresql") {
      // The CLI never closes the pool; allowExitOnIdle stops it holding each command open for 10 s.
      return new PrismaPg({ connectionString: database.url, allowExitOnIdle: true, idleTimeoutMillis: 100 });
    }
    fs.mkdirSync(path.dirname(database.filePath), { recursive: true });
    return new PrismaBetterSQLite3({ url: database.filePath });
  },
});
