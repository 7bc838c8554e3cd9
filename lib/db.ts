import "server-only";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { PrismaClient as PostgresPrismaClient } from "@/lib/generated/prisma-postgresql/client";
import { serverConfig } from "@/lib/config/server-config";

// Secret material is never loaded by accident: lib/identity/secret-store.ts opts in explicitly.
const OMIT = { identitySecret: { ciphertext: true }, user: { passwordHash: true } } as const;

function createSqliteClient(filePath: string) {
  return new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: filePath }), omit: OMIT });
}

/** The one client type lib/ codes against; both generated clients share the models and their API. */
export type Db = ReturnType<typeof createSqliteClient>;
/** A transaction client, for lib functions that must run inside a caller's transaction. */
export type DbTransaction = Parameters<Parameters<Db["$transaction"]>[0]>[0];

function createPrismaClient(): Db {
  const { database } = serverConfig();
  if (database.provider === "sqlite") return createSqliteClient(database.filePath);
  // Same schema (prisma/postgresql is derived from prisma/schema.prisma), so the same API: only the
  // generated type's provider tag differs.
  const client = new PostgresPrismaClient({ adapter: new PrismaPg({ connectionString: database.url }), omit: OMIT });
  return client as unknown as Db;
}

const globalForPrisma = globalThis as unknown as { reqioPrisma?: Db };

/** One client per process (and per dev-server reload). */
export const db: Db = globalForPrisma.reqioPrisma ?? createPrismaClient();
if (process.env.NODE_ENV !== "production") globalForPrisma.reqioPrisma = db;
