// Runs the copy-paste snippets exactly as a customer would, then verifies their tokens with jose.
import fs from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jwtVerify, decodeProtectedHeader } from "jose";
import { identitySnippets } from "@/lib/identity/snippets";
import { generateProjectId } from "@/lib/identity/project-id";
import { generateIdentitySecret } from "@/lib/identity/secret";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
// Inside the repo (gitignored) so the scratch files resolve `jose` from the repo's node_modules.
const tmpRoot = path.join(repoRoot, "tests", ".tmp");
let dir: string;

const appUrl = "https://reqio.example.com";
const projectId = generateProjectId();
const audience = `${appUrl}/p/${projectId}`;
const secret = generateIdentitySecret();
const snippets = identitySnippets({ appUrl, projectId, envSecret: secret });
const code = (id: string) => snippets.find((s) => s.id === id)!.code;

function run(command: string, args: string[], env: NodeJS.ProcessEnv) {
  const result = spawnSync(command, args, { cwd: dir, env, encoding: "utf8", timeout: 60_000 });
  if (result.error) throw result.error;
  return result;
}

function envWith(extra: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  for (const [name, value] of Object.entries(extra)) if (value === undefined) delete env[name];
  delete env.NODE_OPTIONS; // nothing from the test runner leaks into the customer's process
  return env;
}

async function verifyToken(token: string) {
  const { payload, protectedHeader } = await jwtVerify(token, new TextEncoder().encode(secret), {
    audience,
    algorithms: ["HS256"],
  });
  expect(protectedHeader).toEqual({ alg: "HS256" });
  expect(payload.exp! - payload.iat!).toBe(300);
  expect(Math.abs(payload.iat! - Date.now() / 1000)).toBeLessThan(60);
  return payload;
}

beforeAll(() => {
  fs.mkdirSync(tmpRoot, { recursive: true });
  dir = fs.mkdtempSync(path.join(tmpRoot, "snippets-"));
  fs.writeFileSync(path.join(dir, "reqio-token.cjs"), code("node"));
  fs.writeFileSync(path.join(dir, "reqio.ts"), code("nextjs"));
  fs.writeFileSync(
    path.join(dir, "driver.ts"),
    [
      'import { mintReqioToken } from "./reqio";',
      "",
      "const token: string = await mintReqioToken({",
      '  id: "user_42", email: "grace@example.com", plan: "team", planAmount: 19900, billingInterval: "year",',
      "});",
      "console.log(token);",
      "",
    ].join("\n"),
  );
});

afterAll(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe("Node.js (CommonJS) snippet, run as is with node", () => {
  it("prints a token that verifies with the secret's UTF-8 bytes for this project's audience", async () => {
    const result = run(process.execPath, ["reqio-token.cjs"], envWith({ REQIO_SECRET: secret }));
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    const token = result.stdout.trim();
    expect(token).toMatch(/^eyJ[\w-]+\.eyJ[\w-]+\.[\w-]+$/);
    expect(decodeProtectedHeader(token).alg).toBe("HS256");

    const payload = await verifyToken(token);
    expect(payload.sub).toBe("user_123");
    expect(payload.email).toBe("ada@example.com");
    expect(payload.traits).toEqual({ plan: "pro", amount: 2900, interval: "month" });
    expect(payload.aud).toBe(audience);
    expect(Object.keys(payload).sort()).toEqual(["aud", "email", "exp", "iat", "sub", "traits"]);

    // Bound to this project: another project's audience or another secret does not accept it.
    await expect(
      jwtVerify(token, new TextEncoder().encode(secret), { audience: `${appUrl}/p/${generateProjectId()}`, algorithms: ["HS256"] }),
    ).rejects.toThrow();
    await expect(
      jwtVerify(token, new TextEncoder().encode(generateIdentitySecret()), { audience, algorithms: ["HS256"] }),
    ).rejects.toThrow();
  });

  it("exits non-zero with the REQIO_SECRET message when the variable is missing", () => {
    for (const value of [undefined, ""]) {
      const result = run(process.execPath, ["reqio-token.cjs"], envWith({ REQIO_SECRET: value }));
      expect(result.status).not.toBe(0);
      expect(result.stdout).toBe("");
      expect(result.stderr).toContain("REQIO_SECRET is not set: copy it from Reqio > Project > Settings > Identity");
    }
  });

  it("can also be required as a module exporting mintReqioToken", () => {
    const script = `require("./reqio-token.cjs").mintReqioToken({ id: "u1", email: "u1@example.com", plan: "free", planAmount: 0, billingInterval: "month" }).then((t) => console.log(t));`;
    const result = run(process.execPath, ["-e", script], envWith({ REQIO_SECRET: secret }));
    expect(result.status).toBe(0);
    return verifyToken(result.stdout.trim()).then((payload) => {
      expect(payload.sub).toBe("u1");
      expect(payload.traits).toEqual({ plan: "free", amount: 0, interval: "month" });
    });
  });
});

describe("Next.js (TypeScript ESM) snippet", () => {
  it("runs with tsx and mints a token for the caller's user", async () => {
    const result = run("npx", ["--no-install", "tsx", "driver.ts"], envWith({ REQIO_SECRET: secret }));
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    const payload = await verifyToken(result.stdout.trim());
    expect(payload.sub).toBe("user_42");
    expect(payload.email).toBe("grace@example.com");
    expect(payload.traits).toEqual({ plan: "team", amount: 19900, interval: "year" });
    expect(payload.aud).toBe(audience);
  });

  it("rejects (does not mint) without REQIO_SECRET", () => {
    const result = run("npx", ["--no-install", "tsx", "driver.ts"], envWith({ REQIO_SECRET: undefined }));
    expect(result.status).not.toBe(0);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain("REQIO_SECRET is not set");
  });

  it("type-checks under strict TypeScript", () => {
    const args = ["--no-install", "tsc", "--noEmit", "--strict", "--target", "es2022", "--module", "esnext"];
    args.push("--moduleResolution", "bundler", "--skipLibCheck", "--types", "node", "reqio.ts", "driver.ts");
    const result = run("npx", args, envWith({}));
    expect(result.stdout + result.stderr).toBe("");
    expect(result.status).toBe(0);
  });
});
