import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseAppUrl } from "@/lib/config/server-config";
import { DEFAULT_DATABASE_URL, resolveDatabaseTarget } from "@/lib/config/database-url";
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
    expect(DEFAULT_DATABASE_URL).toBe("file:./data/reqio.db");
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
    ["postgres://user:pw@db:5432/reqio", "postgres:"],
    ["postgresql://user:pw@db/reqio", "postgresql:"],
    ["mysql://db/reqio", "mysql:"],
  ])("rejects %j for now, saying SQLite only and how to fix it", (url, scheme) => {
    let message = "";
    try {
      resolveDatabaseTarget({ DATABASE_URL: url });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain(`unsupported scheme "${scheme}"`);
    expect(message).toMatch(/SQLite only/);
    expect(message).toContain("file:./data/reqio.db");
    expect(message).not.toContain("pw"); // credentials in the URL are not echoed
  });
});
