// The Prisma client. Plain Node (no "server-only"): the identify server imports it outside Next's build.
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { PrismaClient as PostgresPrismaClient } from "@/lib/generated/prisma-postgresql/client";
import { serverConfig } from "@/lib/config/server-config";
import { describeError, log } from "@/lib/log";

// Secret material is never loaded by accident: lib/identity/secret-store.ts opts in explicitly.
const OMIT = { identitySecret: { ciphertext: true, diagnosisCiphertext: true }, user: { passwordHash: true } } as const;

/**
 * No call may wait forever on a stopped or stalled PostgreSQL: connecting, each statement (server
 * side) and each query round trip (client side, for a server that stopped answering) are bounded.
 */
export const POSTGRES_TIMEOUTS = { connectionTimeoutMillis: 2_000, statement_timeout: 10_000, query_timeout: 12_000 } as const;

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
  const pool = new pg.Pool({ connectionString: database.url, ...POSTGRES_TIMEOUTS });
  // A connection dropped by the server (restart, failover) must not crash the process: the next query reconnects.
  pool.on("error", (error) => log("warn", "database connection lost", { error: describeError(error) }));
  // Same schema (prisma/postgresql is derived from prisma/schema.prisma), so the same API: only the
  // generated type's provider tag differs.
  const client = new PostgresPrismaClient({ adapter: new PrismaPg(pool), omit: OMIT });
  return client as unknown as Db;
}

const globalForPrisma = globalThis as unknown as { reqioPrisma?: Db };

/**
 * One client per process: shared by the identify server and Next's bundled copy of this module
 * (and kept across dev-server reloads).
 */
export const db: Db = (globalForPrisma.reqioPrisma ??= createPrismaClient());
