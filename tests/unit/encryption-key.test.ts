import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { KEY_FILE_NAME, loadEncryptionKey, parseEncryptionKey } from "@/lib/config/encryption-key";
import { ConfigError } from "@/lib/config/errors";
import type { SqliteTarget } from "@/lib/config/database-url";
import { open, seal, toEncryptionKey } from "@/lib/crypto/secret-box";

function expectConfigError(fn: () => unknown): ConfigError {
  let caught: unknown;
  try {
    fn();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(ConfigError);
  return caught as ConfigError;
}

describe("parseEncryptionKey accepts 32 bytes in each documented encoding", () => {
  const bytes = randomBytes(32);

  it.each([
    ["64 hex chars (lower)", bytes.toString("hex")],
    ["64 hex chars (upper)", bytes.toString("hex").toUpperCase()],
    ["44-char base64", bytes.toString("base64")],
    ["43-char base64url", bytes.toString("base64url")],
    ["with surrounding whitespace/newline", `  ${bytes.toString("base64")}\n`],
  ])("%s", (_label, text) => {
    const key = parseEncryptionKey(text);
    expect(Buffer.compare(key.bytes, bytes)).toBe(0);
    expect(key.id).toBe(toEncryptionKey(bytes).id);
  });

  it("decodes base64 '+/' and base64url '-_' to the same bytes", () => {
    const special = Buffer.alloc(32, 0xfb); // encodes with + / (base64) and - _ (base64url)
    expect(special.toString("base64")).toMatch(/[+/]/);
    expect(special.toString("base64url")).toMatch(/[-_]/);
    expect(Buffer.compare(parseEncryptionKey(special.toString("base64")).bytes, special)).toBe(0);
    expect(Buffer.compare(parseEncryptionKey(special.toString("base64url")).bytes, special)).toBe(0);
  });

  it("a key parsed from any encoding opens what the others sealed", () => {
    const [hex, b64, b64url] = [bytes.toString("hex"), bytes.toString("base64"), bytes.toString("base64url")].map((t) =>
      parseEncryptionKey(t),
    );
    expect(open(seal("x", "ctx", hex!), "ctx", [b64!])).toBe("x");
    expect(open(seal("y", "ctx", b64url!), "ctx", [hex!])).toBe("y");
  });
});

describe("parseEncryptionKey rejects anything else with an actionable ConfigError", () => {
  it.each([
    ["empty", ""],
    ["whitespace", "   "],
    ["short hex (31 bytes)", randomBytes(31).toString("hex")],
    ["long hex (33 bytes)", randomBytes(33).toString("hex")],
    ["short base64 (31 bytes)", randomBytes(31).toString("base64")],
    ["long base64 (33 bytes)", randomBytes(33).toString("base64")],
    ["long base64url (33 bytes)", randomBytes(33).toString("base64url")],
    ["16-byte key", randomBytes(16).toString("base64")],
    ["garbage", "not-a-key!!"],
    ["a passphrase", "correct horse battery staple correct horse battery staple!!"],
    ["hex with a non-hex char", `${randomBytes(32).toString("hex").slice(0, 63)}g`],
    ["base64 missing its padding char, 44 long", `${randomBytes(32).toString("base64").slice(0, 43)}A`],
  ])("%s", (_label, text) => {
    const error = expectConfigError(() => parseEncryptionKey(text));
    expect(error.message).toContain("REQIO_ENCRYPTION_KEY");
    expect(error.message).toMatch(/32 (random )?bytes/);
    expect(error.message).toContain("openssl rand -base64 32");
    if (text.trim()) expect(error.message).not.toContain(text.trim());
  });

  it("names the source it read from", () => {
    expect(expectConfigError(() => parseEncryptionKey("nope", "The key file /x/y.key")).message).toMatch(/^The key file \/x\/y\.key is malformed/);
  });
});

describe("loadEncryptionKey", () => {
  let dir: string;
  let database: SqliteTarget;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "reqio-key-"));
    const filePath = path.join(dir, "data", "reqio.db");
    database = { provider: "sqlite", url: `file:${filePath}`, filePath };
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("uses REQIO_ENCRYPTION_KEY when set and writes no key file", () => {
    const bytes = randomBytes(32);
    const source = loadEncryptionKey({ REQIO_ENCRYPTION_KEY: bytes.toString("base64") }, database);
    expect(source.origin).toBe("env");
    expect(source.generatedAt).toBeUndefined();
    expect(Buffer.compare(source.key.bytes, bytes)).toBe(0);
    expect(fs.existsSync(path.join(dir, "data"))).toBe(false);
  });

  it("with the variable unset, generates a 0600 key file beside (not inside) the database file", () => {
    const source = loadEncryptionKey({}, database);
    const keyFile = path.join(dir, "data", KEY_FILE_NAME);
    expect(source.origin).toBe("key-file");
    expect(source.generatedAt).toBe(keyFile);
    expect(path.dirname(keyFile)).toBe(path.dirname(database.filePath));
    expect(keyFile).not.toBe(database.filePath);
    expect(fs.existsSync(database.filePath)).toBe(false); // the database file itself is untouched
    expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
    const text = fs.readFileSync(keyFile, "utf8");
    expect(Buffer.compare(parseEncryptionKey(text).bytes, source.key.bytes)).toBe(0);
    expect(source.key.bytes).toHaveLength(32);
  });

  it("second call returns the same key and does not rewrite the file", () => {
    const first = loadEncryptionKey({}, database);
    const keyFile = first.generatedAt!;
    const before = { text: fs.readFileSync(keyFile, "utf8"), stat: fs.statSync(keyFile) };
    const second = loadEncryptionKey({}, database);
    expect(second.origin).toBe("key-file");
    expect(second.generatedAt).toBeUndefined(); // not newly generated
    expect(second.key.id).toBe(first.key.id);
    expect(Buffer.compare(second.key.bytes, first.key.bytes)).toBe(0);
    expect(fs.readFileSync(keyFile, "utf8")).toBe(before.text);
    expect(fs.statSync(keyFile).mtimeMs).toBe(before.stat.mtimeMs);
    expect(fs.statSync(keyFile).ino).toBe(before.stat.ino);
  });

  it("different database directories get different keys", () => {
    const otherPath = path.join(dir, "other", "reqio.db");
    const a = loadEncryptionKey({}, database);
    const b = loadEncryptionKey({}, { provider: "sqlite", url: `file:${otherPath}`, filePath: otherPath });
    expect(a.key.id).not.toBe(b.key.id);
  });

  it("reads an existing key file instead of replacing it", () => {
    const bytes = randomBytes(32);
    fs.mkdirSync(path.join(dir, "data"));
    fs.writeFileSync(path.join(dir, "data", KEY_FILE_NAME), `${bytes.toString("hex")}\n`, { mode: 0o600 });
    const source = loadEncryptionKey({}, database);
    expect(source.origin).toBe("key-file");
    expect(source.generatedAt).toBeUndefined();
    expect(Buffer.compare(source.key.bytes, bytes)).toBe(0);
  });

  it("a corrupt key file is a ConfigError naming the file (and is left alone)", () => {
    const keyFile = path.join(dir, "data", KEY_FILE_NAME);
    fs.mkdirSync(path.dirname(keyFile));
    fs.writeFileSync(keyFile, "truncated");
    expect(expectConfigError(() => loadEncryptionKey({}, database)).message).toContain(keyFile);
    expect(fs.readFileSync(keyFile, "utf8")).toBe("truncated");
  });

  it.each(["", "   ", "\n"])("set but empty (%j) -> ConfigError, no key file generated", (value) => {
    const error = expectConfigError(() => loadEncryptionKey({ REQIO_ENCRYPTION_KEY: value }, database));
    expect(error.message).toMatch(/REQIO_ENCRYPTION_KEY is set but empty/);
    expect(error.message).toContain("openssl rand -base64 32");
    expect(fs.existsSync(path.join(dir, "data", KEY_FILE_NAME))).toBe(false);
  });

  it("set but malformed -> ConfigError, never falls back to a key file", () => {
    expectConfigError(() => loadEncryptionKey({ REQIO_ENCRYPTION_KEY: "abc" }, database));
    expect(fs.existsSync(path.join(dir, "data", KEY_FILE_NAME))).toBe(false);
  });
});
