// Direct SQL on the test's real database (SQLite file or PostgreSQL), bypassing lib/: for tampering,
// at-rest checks and inspecting exactly what is stored. Placeholders are written `?` for both.
import fs from "node:fs";
import { execFileSync } from "node:child_process";
import Database from "better-sqlite3";
import pg from "pg";

export const isPostgres = () => /^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? "");

export type RawSql = {
  all<T = Record<string, unknown>>(sql: string, ...params: unknown[]): Promise<T[]>;
  /** Returns the number of rows changed. */
  run(sql: string, ...params: unknown[]): Promise<number>;
  /** Runs a multi-statement script (no parameters). */
  exec(script: string): Promise<void>;
  close(): Promise<void>;
};

function toPostgresPlaceholders(sql: string): string {
  let index = 0;
  return sql.replace(/\?/g, () => `$${++index}`);
}

export function openRawSql(url = process.env.DATABASE_URL ?? "", options: { readonly?: boolean } = {}): RawSql {
  if (/^postgres(ql)?:\/\//.test(url)) {
    const pool = new pg.Pool({ connectionString: url, max: 1 });
    // A database dropped WITH (FORCE) right after close() terminates a connection still ending: expected here,
    // and without a listener pg turns it into an uncaught error that fails the whole run.
    pool.on("error", () => undefined);
    return {
      all: async <T>(sql: string, ...params: unknown[]) => (await pool.query(toPostgresPlaceholders(sql), params)).rows as T[],
      run: async (sql, ...params) => (await pool.query(toPostgresPlaceholders(sql), params)).rowCount ?? 0,
      exec: async (script) => void (await pool.query(script)),
      close: () => pool.end(),
    };
  }
  if (!url.startsWith("file:")) throw new Error("DATABASE_URL is neither a SQLite file nor PostgreSQL (integration-setup.ts sets it)");
  const sqlite = new Database(url.slice("file:".length), { readonly: options.readonly ?? false });
  return {
    all: async <T>(sql: string, ...params: unknown[]) => sqlite.prepare(sql).all(...params) as T[],
    run: async (sql, ...params) => sqlite.prepare(sql).run(...params).changes,
    exec: async (script) => void sqlite.exec(script),
    close: async () => void sqlite.close(),
  };
}

/** Everything the database holds on disk (SQLite: the file and its journals; PostgreSQL: a pg_dump). */
export function databaseBytes(url = process.env.DATABASE_URL ?? ""): Buffer {
  if (/^postgres(ql)?:\/\//.test(url)) {
    const pgDump = process.env.PG_BIN ? `${process.env.PG_BIN}/pg_dump` : "/usr/lib/postgresql/15/bin/pg_dump";
    return execFileSync(pgDump, ["--no-owner", url], { maxBuffer: 256 * 1024 * 1024 });
  }
  const file = url.slice("file:".length);
  return Buffer.concat([file, `${file}-wal`, `${file}-journal`, `${file}-shm`].filter((f) => fs.existsSync(f)).map((f) => fs.readFileSync(f)));
}
