// Without REQIO_ENCRYPTION_KEY, the server generates a key file beside the SQLite file on first use
// (the embedded default only: PostgreSQL requires the variable, see master-key-boot.test.ts).
// lib/ is imported dynamically, after the variable is removed (serverConfig() caches per process).
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { isPostgres } from "../helpers/raw-sql";

delete process.env.REQIO_ENCRYPTION_KEY;

const dbFile = () => path.resolve(process.env.DATABASE_URL!.slice("file:".length));
const keyFile = () => path.join(path.dirname(dbFile()), "reqio-encryption.key");
const logLines: string[] = [];

let lib: {
  serverConfig: typeof import("@/lib/config/server-config").serverConfig;
  parseEncryptionKey: typeof import("@/lib/config/encryption-key").parseEncryptionKey;
  createProject: typeof import("@/lib/projects/projects").createProject;
  decryptCurrentSecret: typeof import("@/lib/identity/secret-store").decryptCurrentSecret;
  fixtures: typeof import("../helpers/fixtures");
};

beforeAll(async () => {
  expect(fs.existsSync(dbFile())).toBe(true); // migrated by integration-setup.ts
  expect(fs.existsSync(keyFile())).toBe(false);
  vi.spyOn(console, "log").mockImplementation((line: string) => void logLines.push(line));
  lib = {
    serverConfig: (await import("@/lib/config/server-config")).serverConfig,
    parseEncryptionKey: (await import("@/lib/config/encryption-key")).parseEncryptionKey,
    createProject: (await import("@/lib/projects/projects")).createProject,
    decryptCurrentSecret: (await import("@/lib/identity/secret-store")).decryptCurrentSecret,
    fixtures: await import("../helpers/fixtures"),
  };
});
afterAll(() => vi.restoreAllMocks());

describe.skipIf(isPostgres())("generated encryption key file", () => {
  it("is created once, 0600, in the database's directory, and is the key serverConfig uses", () => {
    const config = lib.serverConfig();
    expect(config.database).toMatchObject({ provider: "sqlite", filePath: dbFile() });
    expect(fs.existsSync(keyFile())).toBe(true);
    expect(keyFile()).not.toBe(dbFile());
    expect(fs.statSync(keyFile()).mode & 0o777).toBe(0o600);
    const fromFile = lib.parseEncryptionKey(fs.readFileSync(keyFile(), "utf8"));
    expect(config.encryptionKeys).toHaveLength(1);
    expect(Buffer.compare(config.encryptionKeys[0]!.bytes, fromFile.bytes)).toBe(0);
  });

  it("logs a warning that names the key file but never contains the key", () => {
    const keyText = fs.readFileSync(keyFile(), "utf8").trim();
    const warnings = logLines.map((line) => JSON.parse(line) as Record<string, unknown>).filter((l) => l.level === "warn");
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.message).toMatch(/Generated a new encryption key.*REQIO_ENCRYPTION_KEY/);
    expect(warnings[0]!.keyFile).toBe(keyFile());
    expect(logLines.join("\n")).not.toContain(keyText);
  });

  it("seals and opens project secrets, and the key never lands in the database file", async () => {
    const { team, actor } = await lib.fixtures.createTeamWithOwner("keyfile");
    const project = await lib.createProject({ teamId: team.id, name: "Keyed", actor });
    const { secret } = await lib.decryptCurrentSecret(project.id, "production");
    expect(secret).toMatch(/^rqio_sk_/);

    const keyText = fs.readFileSync(keyFile(), "utf8").trim();
    const keyBytes = Buffer.from(keyText, "base64");
    const files = [dbFile(), `${dbFile()}-wal`, `${dbFile()}-journal`].filter((f) => fs.existsSync(f));
    const dbBytes = Buffer.concat(files.map((f) => fs.readFileSync(f)));
    expect(dbBytes.includes(Buffer.from(project.id))).toBe(true);
    expect(dbBytes.includes(Buffer.from(keyText))).toBe(false);
    expect(dbBytes.includes(keyBytes)).toBe(false);
    expect(dbBytes.includes(Buffer.from(secret))).toBe(false);
  });

  it("the cached config keeps using the same file; it is not regenerated", async () => {
    const before = fs.readFileSync(keyFile(), "utf8");
    const { team, actor } = await lib.fixtures.createTeamWithOwner("again");
    const project = await lib.createProject({ teamId: team.id, name: "Again", actor });
    await lib.decryptCurrentSecret(project.id, "production");
    expect(fs.readFileSync(keyFile(), "utf8")).toBe(before);
    expect(lib.serverConfig()).toBe(lib.serverConfig());
  });

  it("also generated the next-auth secret beside the database (no NEXTAUTH_SECRET set)", () => {
    const authSecretFile = path.join(path.dirname(dbFile()), "reqio-auth.secret");
    expect(fs.statSync(authSecretFile).mode & 0o777).toBe(0o600);
    expect(lib.serverConfig().authSecret).toBe(fs.readFileSync(authSecretFile, "utf8").trim());
    expect(lib.serverConfig().authSecret).toMatch(/^[\w-]{43}$/);
  });
});
