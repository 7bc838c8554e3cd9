import fs from "node:fs";
import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { resolveDatabaseTarget } from "./lib/config/database-url";

// Prisma 7's native schema engine can't be downloaded here, so the CLI runs Prisma 6 in its JS
// engine mode through the same driver adapter the app uses.
const database = resolveDatabaseTarget();
process.env.DATABASE_URL = database.url;

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  async adapter() {
    fs.mkdirSync(path.dirname(database.filePath), { recursive: true });
    return new PrismaBetterSQLite3({ url: database.filePath });
  },
});
