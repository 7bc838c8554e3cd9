import path from "node:path";
import type { Env } from "./env";
import { ConfigError } from "./errors";

/** Where the embedded database lives when DATABASE_URL is not set. */
export const DEFAULT_DATABASE_URL = "file:./data/reqio.db";

export type DatabaseTarget = { provider: "sqlite"; url: string; filePath: string };

/**
 * Reads DATABASE_URL (default: the embedded SQLite file) and resolves a relative SQLite path
 * against the working directory, so the CLI, the seed script and the server agree on one file.
 */
export function resolveDatabaseTarget(env: Env = process.env): DatabaseTarget {
  const raw = env.DATABASE_URL?.trim() || DEFAULT_DATABASE_URL;
  if (!raw.startsWith("file:")) {
    const scheme = raw.split(":")[0] || "(none)";
    throw new ConfigError(
      `DATABASE_URL has an unsupported scheme "${scheme}:". This build supports SQLite only: ` +
        `unset DATABASE_URL or set it to file:./data/reqio.db.`,
    );
  }
  const filePath = path.resolve(raw.slice("file:".length).replace(/^\/\/(?=\/)/, ""));
  return { provider: "sqlite", url: `file:${filePath}`, filePath };
}
