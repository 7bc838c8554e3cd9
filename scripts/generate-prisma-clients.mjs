// Generates both Prisma clients (SQLite and PostgreSQL) from their schemas; generate never connects,
// so a placeholder PostgreSQL URL only selects the schema in prisma.config.ts.
import { execSync } from "node:child_process";

for (const url of ["file:./data/reqio.db", "postgresql://generate@localhost:5432/reqio"]) {
  execSync("npx prisma generate", { stdio: "inherit", env: { ...process.env, DATABASE_URL: url } });
}
