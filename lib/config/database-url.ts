import path from "node:path";
import type { Env } from "./env";
import { ConfigError } from "./errors";

/** Where the embedded database lives when DATABASE_URL is not set. */
export const DEFAULT_DATABASE_URL = "file:./data/reqio.db";

export type SqliteTarget = { provider: "sqlite"; url: string; filePath: string };
export type PostgresTarget = { provider: "postgresql"; url: string; /** host:port/database, for messages: never the password. */ label: string };
export type DatabaseTarget = SqliteTarget | PostgresTarget;

function postgresTarget(raw: string): PostgresTarget {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError("DATABASE_URL looks like a PostgreSQL URL but can't be parsed. Expected postgresql://user:password@host:5432/database.");
  }
  const database = decodeURIComponent(url.pathname.replace(/^\//, ""));
  if (!url.hostname && !url.searchParams.get("host")) throw new ConfigError("DATABASE_URL has no host. Expected postgresql://user:password@host:5432/database.");
  if (!database) throw new ConfigError("DATABASE_URL names no database. Expected postgresql://user:password@host:5432/database.");
  const host = url.hostname || url.searchParams.get("host");
  return { provider: "postgresql", url: raw, label: `${host}:${url.port || "5432"}/${database}` };
}

/**
 * Reads DATABASE_URL: the embedded SQLite file by default (or `file:`), PostgreSQL for
 * `postgres://` / `postgresql://`. A relative SQLite path is resolved against the working
 * directory, so the CLI, the seed script and the server agree on one file.
 */
export function resolveDatabaseTarget(env: Env = process.env): DatabaseTarget {
  const raw = env.DATABASE_URL?.trim() || DEFAULT_DATABASE_URL;
  if (/^postgres(ql)?:\/\//i.test(raw)) return postgresTarget(raw);
  if (!raw.startsWith("file:")) {
    const scheme = raw.includes(":") ? `"${raw.split(":")[0]}:"` : "(none)";
    throw new ConfigError(
      `DATABASE_URL has an unsupported scheme ${scheme}. Reqio runs on SQLite (unset DATABASE_URL, or file:./data/reqio.db) ` +
        `or PostgreSQL (postgresql://user:password@host:5432/database).`,
    );
  }
  const filePath = path.resolve(raw.slice("file:".length).replace(/^\/\/(?=\/)/, ""));
  return { provider: "sqlite", url: `file:${filePath}`, filePath };
}

/** Where the database is, for log lines and errors: a file path or host:port/database, never credentials. */
export function describeDatabase(target: DatabaseTarget): string {
  return target.provider === "sqlite" ? target.filePath : `PostgreSQL ${target.label}`;
}
