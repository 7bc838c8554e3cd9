import "server-only";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { serverConfig } from "@/lib/config/server-config";

function createPrismaClient() {
  const { database } = serverConfig();
  return new PrismaClient({
    adapter: new PrismaBetterSQLite3({ url: database.filePath }),
    // Secret material is never loaded by accident: lib/identity/secret-store.ts opts in explicitly.
    omit: { identitySecret: { ciphertext: true }, user: { passwordHash: true } },
  });
}

export type Db = ReturnType<typeof createPrismaClient>;
/** A transaction client, for lib functions that must run inside a caller's transaction. */
export type DbTransaction = Parameters<Parameters<Db["$transaction"]>[0]>[0];

const globalForPrisma = globalThis as unknown as { reqioPrisma?: Db };

/** One client per process (and per dev-server reload). */
export const db: Db = globalForPrisma.reqioPrisma ?? createPrismaClient();
if (process.env.NODE_ENV !== "production") globalForPrisma.reqioPrisma = db;
