// Once per Vitest run: on PostgreSQL, migrate the template every integration file copies its database from.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createMigratedTemplate, postgresAdminUrl } from "./postgres-databases";

export default async function setup() {
  const adminUrl = postgresAdminUrl();
  if (adminUrl) await createMigratedTemplate(adminUrl, path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../.."));
}
