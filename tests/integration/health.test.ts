// GET /api/health against this file's real, migrated SQLite database.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { GET } from "@/app/api/health/route";
import { checkHealth } from "@/lib/health/health-check";
import { migrationsDir } from "@/lib/health/migration-state";
import { openRawSql, type RawSql } from "../helpers/raw-sql";

let raw: RawSql;
let tmp: string;
beforeAll(() => {
  raw = openRawSql();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "reqio-health-"));
});
afterAll(async () => {
  await raw?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

const repoMigrations = fs.readdirSync(migrationsDir()).filter((name) => fs.existsSync(path.join(migrationsDir(), name, "migration.sql")));

async function call() {
  const response = await GET();
  return { status: response.status, headers: response.headers, text: await response.text() };
}

/** Only the documented fields, and nothing that looks like a path, version, migration name or error. */
function expectNothingLeaks(text: string) {
  expect(Object.keys(JSON.parse(text)).every((key) => ["ok", "database", "migrations", "pending"].includes(key))).toBe(true);
  expect(text).not.toMatch(/[/\\]|\d+\.\d+|error|sqlite|prisma/i);
  for (const name of repoMigrations) expect(text).not.toContain(name);
}

describe("GET /api/health", () => {
  it("200 with everything ok on a migrated database; never cached", async () => {
    expect(repoMigrations.length).toBeGreaterThan(0);
    const { status, headers, text } = await call();
    expect(status).toBe(200);
    expect(JSON.parse(text)).toEqual({ ok: true, database: "ok", migrations: "up_to_date" });
    expect(headers.get("cache-control")).toBe("no-store");
    expect(headers.get("content-type")).toMatch(/^application\/json/);
    expect(headers.get("set-cookie")).toBeNull();
    expectNothingLeaks(text);
  });

  it("503 with the pending count when a migration folder isn't applied (or was rolled back)", async () => {
    const last = repoMigrations.at(-1)!;
    const [row] = await raw.all(`SELECT * FROM _prisma_migrations WHERE migration_name = ?`, last);
    await raw.run(`DELETE FROM _prisma_migrations WHERE migration_name = ?`, last);
    try {
      const { status, text } = await call();
      expect(status).toBe(503);
      expect(JSON.parse(text)).toEqual({ ok: false, database: "ok", migrations: "pending", pending: 1 });
      expectNothingLeaks(text);
    } finally {
      const columns = Object.keys(row!);
      await raw.run(`INSERT INTO _prisma_migrations (${columns.join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`, ...Object.values(row!));
    }
    await raw.run(`UPDATE _prisma_migrations SET rolled_back_at = finished_at WHERE migration_name = ?`, last);
    try {
      expect(JSON.parse((await call()).text)).toMatchObject({ migrations: "pending", pending: 1 });
    } finally {
      await raw.run(`UPDATE _prisma_migrations SET rolled_back_at = NULL WHERE migration_name = ?`, last);
    }
    expect((await call()).status).toBe(200);
  });

  it("counts a new migration folder in the deployed code as pending (a folder without migration.sql is not a migration)", async () => {
    const dir = path.join(tmp, "migrations");
    fs.cpSync(migrationsDir(), dir, { recursive: true });
    fs.mkdirSync(path.join(dir, "29990101000000_future"));
    fs.writeFileSync(path.join(dir, "29990101000000_future", "migration.sql"), "SELECT 1;");
    fs.mkdirSync(path.join(dir, "not_a_migration"));
    expect(await checkHealth({ migrationsDir: dir })).toEqual({ ok: false, database: "ok", migrations: "pending", pending: 1 });
    fs.rmSync(path.join(dir, "29990101000000_future"), { recursive: true });
    expect(await checkHealth({ migrationsDir: dir })).toEqual({ ok: true, database: "ok", migrations: "up_to_date" });
  });

  it("a database that was never migrated: reachable, every migration pending", async () => {
    const report = await checkHealth({ applied: async () => [] });
    expect(report).toEqual({ ok: false, database: "ok", migrations: "pending", pending: repoMigrations.length });
  });

  it("unreachable database: reported without any error detail (logged server-side instead)", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const failing = async (): Promise<string[]> => {
        throw new Error("SQLITE_CANTOPEN: unable to open /var/lib/reqio/reqio.db (v3.45.1)");
      };
      const report = await checkHealth({ applied: failing });
      expect(report).toEqual({ ok: false, database: "unreachable", migrations: "unknown" });
      expectNothingLeaks(JSON.stringify(report));
      expect(logged.mock.calls.join("\n")).toContain("database unreachable");
    } finally {
      logged.mockRestore();
    }
  });

  it("a database that doesn't answer within 2 s is unreachable; one that answers in time is not", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    vi.useFakeTimers();
    try {
      let report: unknown;
      void checkHealth({ applied: () => new Promise<string[]>(() => {}) }).then((r) => (report = r));
      await vi.advanceTimersByTimeAsync(1_999);
      expect(report).toBeUndefined();
      await vi.advanceTimersByTimeAsync(1);
      expect(report).toEqual({ ok: false, database: "unreachable", migrations: "unknown" });

      const slowButInTime = () => new Promise<string[]>((resolve) => setTimeout(() => resolve(repoMigrations), 1_500));
      const answered = checkHealth({ applied: slowButInTime });
      await vi.advanceTimersByTimeAsync(1_500);
      expect(await answered).toEqual({ ok: true, database: "ok", migrations: "up_to_date" });
    } finally {
      vi.useRealTimers();
      logged.mockRestore();
    }
  });

  it("no migrations folder shipped with the app: never reported healthy", async () => {
    vi.spyOn(console, "error").mockImplementationOnce(() => {});
    expect(await checkHealth({ migrationsDir: path.join(tmp, "missing") })).toEqual({ ok: false, database: "ok", migrations: "unknown" });
  });
});
