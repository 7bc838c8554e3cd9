import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { loadServerConfig, parseAppUrl } from "@/lib/config/server-config";
import { describeDatabase, resolveDatabaseTarget } from "@/lib/config/database-url";
import { ConfigError } from "@/lib/config/errors";

describe("parseAppUrl", () => {
  it.each([
    [undefined, "http://localhost:3000"],
    ["", "http://localhost:3000"],
    ["   ", "http://localhost:3000"],
    ["https://reqio.example.com", "https://reqio.example.com"],
    ["https://reqio.example.com/", "https://reqio.example.com"],
    ["  https://reqio.example.com//  ", "https://reqio.example.com"],
    ["https://example.com/reqio/", "https://example.com/reqio"],
    ["http://localhost:3000/", "http://localhost:3000"],
    ["HTTPS://Reqio.Example.COM:443/", "https://reqio.example.com"],
    ["http://127.0.0.1:8080", "http://127.0.0.1:8080"],
  ])("%j -> %j", (raw, expected) => {
    expect(parseAppUrl(raw)).toBe(expected);
  });

  it.each([
    ["not a url", /is not a URL/],
    ["reqio.example.com", /is not a URL/],
    ["/relative/path", /is not a URL/],
    ["ftp://reqio.example.com", /https:\/\/ or http:\/\//],
    ["javascript:alert(1)", /https:\/\/ or http:\/\//],
    ["file:///etc/passwd", /https:\/\/ or http:\/\//],
    ["https://reqio.example.com/?x=1", /query string or fragment/],
    ["https://reqio.example.com/#top", /query string or fragment/],
  ])("rejects %j with a ConfigError", (raw, message) => {
    let caught: unknown;
    try {
      parseAppUrl(raw);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    expect((caught as Error).message).toMatch(/APP_URL/);
    expect((caught as Error).message).toMatch(message);
  });
});

describe("resolveDatabaseTarget", () => {
  it("defaults to the embedded SQLite file under ./data, resolved against the working directory", () => {
    const target = resolveDatabaseTarget({});
    expect(target).toEqual({
      provider: "sqlite",
      filePath: path.resolve("data/reqio.db"),
      url: `file:${path.resolve("data/reqio.db")}`,
    });
    expect(resolveDatabaseTarget({ DATABASE_URL: "  " })).toEqual(target);
  });

  it.each([
    ["file:./x/app.db", path.resolve("x/app.db")],
    ["file:/var/lib/reqio/app.db", "/var/lib/reqio/app.db"],
    ["file:///var/lib/reqio/app.db", "/var/lib/reqio/app.db"],
  ])("%j -> %j", (url, filePath) => {
    expect(resolveDatabaseTarget({ DATABASE_URL: url })).toEqual({ provider: "sqlite", url: `file:${filePath}`, filePath });
  });

  it.each([
    ["postgres://user:pw@db:5432/reqio", "db:5432/reqio"],
    ["postgresql://user:pw@db/reqio?sslmode=require", "db:5432/reqio"],
  ])("selects PostgreSQL for %j, labelled %j without credentials", (url, label) => {
    expect(resolveDatabaseTarget({ DATABASE_URL: url })).toEqual({ provider: "postgresql", url, label });
  });

  it.each([
    ["mysql://user:pw@db/reqio", '"mysql:"'],
    ["sqlserver://user:pw@db/reqio", '"sqlserver:"'],
    ["reqio.db", "(none)"],
  ])("rejects %j, naming the scheme and both supported forms", (url, scheme) => {
    let message = "";
    try {
      resolveDatabaseTarget({ DATABASE_URL: url });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain(`unsupported scheme ${scheme}`);
    expect(message).toContain("file:./data/reqio.db");
    expect(message).toContain("postgresql://user:password@host:5432/database");
    expect(message).not.toContain("pw"); // credentials in the URL are not echoed
  });

  it.each([
    ["postgresql://user:pw@db:5432/", /names no database/],
    ["postgresql://user:pw@:5432/reqio", /can't be parsed|no host/],
  ])("rejects the incomplete PostgreSQL URL %j", (url, message) => {
    expect(() => resolveDatabaseTarget({ DATABASE_URL: url })).toThrow(message);
  });
});

describe("loadServerConfig with PostgreSQL", () => {
  const base = { DATABASE_URL: "postgresql://reqio:pw@db.internal:5432/reqio", APP_URL: "https://reqio.example.com" };
  const key = randomBytes(32).toString("base64");

  it("requires REQIO_ENCRYPTION_KEY (instances can't share a generated key file) and generates nothing", () => {
    const cwdBefore = fs.readdirSync(process.cwd());
    expect(() => loadServerConfig({ ...base, NEXTAUTH_SECRET: "s".repeat(32) })).toThrow(
      /REQIO_ENCRYPTION_KEY is required with PostgreSQL.*openssl rand -base64 32/,
    );
    expect(fs.readdirSync(process.cwd())).toEqual(cwdBefore);
  });

  it("requires NEXTAUTH_SECRET, so every instance accepts every other instance's session cookies", () => {
    expect(() => loadServerConfig({ ...base, REQIO_ENCRYPTION_KEY: key })).toThrow(/NEXTAUTH_SECRET is required with PostgreSQL/);
  });

  it("accepts both, without touching the database or echoing the password", () => {
    const config = loadServerConfig({ ...base, REQIO_ENCRYPTION_KEY: key, NEXTAUTH_SECRET: "s".repeat(32) });
    expect(config.database).toEqual({ provider: "postgresql", url: base.DATABASE_URL, label: "db.internal:5432/reqio" });
    expect(describeDatabase(config.database)).toBe("PostgreSQL db.internal:5432/reqio");
    expect(config.encryptionKeys).toHaveLength(1);
  });

  it("stops on an invalid REQIO_TRUSTED_PROXIES, naming it and what it accepts", () => {
    const env = { ...base, REQIO_ENCRYPTION_KEY: key, NEXTAUTH_SECRET: "s".repeat(32) };
    expect(() => loadServerConfig({ ...env, REQIO_TRUSTED_PROXIES: "10.0.0.0/8, yes" })).toThrow(ConfigError);
    expect(() => loadServerConfig({ ...env, REQIO_TRUSTED_PROXIES: "everyone" })).toThrow(/REQIO_TRUSTED_PROXIES.*hop count.*loopback/);
    expect(loadServerConfig({ ...env, REQIO_TRUSTED_PROXIES: "loopback, 10.0.0.0/8" }).appUrl).toBe(base.APP_URL);
    expect(loadServerConfig({ ...env, REQIO_TRUSTED_PROXIES: "1" }).appUrl).toBe(base.APP_URL);
  });

  it("stops on a REDIS_URL that isn't redis:// or rediss://", () => {
    const env = { ...base, REQIO_ENCRYPTION_KEY: key, NEXTAUTH_SECRET: "s".repeat(32) };
    expect(() => loadServerConfig({ ...env, REDIS_URL: "cache.internal:6379" })).toThrow(/REDIS_URL must start with redis:\/\/ or rediss:\/\//);
    expect(loadServerConfig({ ...env, REDIS_URL: "redis://cache.internal:6379" }).appUrl).toBe(base.APP_URL);
  });
});
