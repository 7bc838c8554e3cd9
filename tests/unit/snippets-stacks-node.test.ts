// Runs the Next.js, Node.js and Express stacks' files as pasted and checks their tokens with Reqio's own
// verifier (the one behind the identify endpoint); the e2e specs POST them to the endpoint itself.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { identityStacks, type SnippetStackId } from "@/lib/identity/snippets";
import { generateProjectId } from "@/lib/identity/project-id";
import { generateIdentitySecret } from "@/lib/identity/secret";
import { verifyIdentityToken } from "@/lib/identity/token-verifier";
import { CUSTOMER_USERS, EXPRESS_HOST, NEXT_COOKIE_AUTH, plugInAuth } from "../fixtures/customer-app/plug-in-auth";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const bin = (name: string) => path.join(repoRoot, "node_modules", ".bin", name);
let dir: string;

const appUrl = "https://reqio.example.com";
const projectId = generateProjectId();
const audience = `${appUrl}/p/${projectId}`;
const secret = generateIdentitySecret();
const stacks = identityStacks({ appUrl, projectId });
const file = (stack: SnippetStackId, filePath: string) => {
  const found = stacks.find((s) => s.id === stack)?.files.find((f) => f.path === filePath);
  if (!found) throw new Error(`no ${filePath} in the ${stack} stack`);
  return found.code;
};

function env(extra: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const result: NodeJS.ProcessEnv = { ...process.env, ...extra };
  for (const [name, value] of Object.entries(extra)) if (value === undefined) delete result[name];
  delete result.NODE_OPTIONS; // nothing from the test runner leaks into the customer's process
  return result;
}

function run(command: string, args: string[], extra: Record<string, string | undefined>, cwd = dir) {
  const result = spawnSync(command, args, { cwd, env: env(extra), encoding: "utf8", timeout: 60_000 });
  if (result.error) throw result.error;
  return result;
}

function verify(token: string) {
  const result = verifyIdentityToken(token, { audience, keys: [{ id: "current", label: "current", key: new TextEncoder().encode(secret) }] });
  if (!result.ok) throw new Error(`token rejected: ${JSON.stringify(result)}`);
  return result.user;
}

const claimNames = (token: string) => Object.keys(JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString())).sort();

const write = (at: string, relative: string, code: string) => {
  fs.mkdirSync(path.dirname(path.join(at, relative)), { recursive: true });
  fs.writeFileSync(path.join(at, relative), code);
};

// Every user of the fixture, minted by a given driver; printed one token per line.
const mintAllWith = (mint: string) =>
  `const users = ${JSON.stringify(Object.values(CUSTOMER_USERS))};\n` +
  `(async () => { for (const user of users) console.log(await ${mint}(user)); })().catch((e) => { console.error(e.message); process.exitCode = 1; });\n`;

function expectEveryCustomerUser(stdout: string) {
  const [ada, noEmail, blank] = stdout.trim().split("\n");
  expect(verify(ada!)).toMatchObject({ id: "user_ada", email: "ada@example.com", plan: "pro", mrrCents: 2900 });
  // No email (null or "") is left out of the token, not sent as null or "" (which the verifier rejects).
  expect(verify(noEmail!)).toMatchObject({ id: "user_noemail", email: null, interval: "year", amountCents: 29900, mrrCents: 2492 });
  expect(claimNames(noEmail!)).toEqual(["aud", "exp", "iat", "sub", "traits"]);
  expect(verify(blank!)).toMatchObject({ id: "user_blank", email: null, mrrCents: 0 });
  expect(claimNames(blank!)).toEqual(["aud", "exp", "iat", "sub", "traits"]);
}

beforeAll(() => {
  fs.mkdirSync(path.join(repoRoot, "tests", ".tmp"), { recursive: true });
  dir = fs.mkdtempSync(path.join(repoRoot, "tests", ".tmp", "stacks-node-"));
  for (const stack of stacks.filter((s) => ["nextjs", "node", "express"].includes(s.id))) {
    for (const snippet of stack.files) write(path.join(dir, stack.id), snippet.path, snippet.code);
  }
});

afterAll(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe("Node.js (CommonJS) stack, run with node", () => {
  const cwd = () => path.join(dir, "node");

  it("prints a token the verifier accepts, with the secret pasted with whitespace around it", () => {
    const result = run(process.execPath, ["reqio-token.cjs"], { REQIO_SECRET: ` ${secret}\r\n` }, cwd());
    expect(result.stderr).toBe("");
    expect(verify(result.stdout.trim())).toMatchObject({ id: "user_123", email: "ada@example.com", mrrCents: 2900 });
  });

  it("mints for users without an email and on yearly plans", () => {
    const result = run(process.execPath, ["-e", mintAllWith('require("./reqio-token.cjs").mintReqioToken')], { REQIO_SECRET: secret }, cwd());
    expect(result.stderr).toBe("");
    expectEveryCustomerUser(result.stdout);
  });

  it("exits non-zero with the REQIO_SECRET message when the variable is missing or blank", () => {
    for (const value of [undefined, "", "  \n"]) {
      const result = run(process.execPath, ["reqio-token.cjs"], { REQIO_SECRET: value }, cwd());
      expect(result.status).not.toBe(0);
      expect(result.stdout).toBe("");
      expect(result.stderr).toContain("REQIO_SECRET is not set: copy it from Reqio > Project > Settings > Identity");
    }
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** Starts `node <args>` in the Express stack's folder and resolves once it prints its URL. */
async function startExpress(args: string[]) {
  const port = await freePort();
  const child = spawn(process.execPath, args, { cwd: path.join(dir, "express"), env: env({ REQIO_SECRET: `${secret}\n`, PORT: String(port) }) });
  let output = "";
  await new Promise<void>((resolve, reject) => {
    child.stdout.on("data", (chunk) => (output += chunk) && output.includes("http://") && resolve());
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("exit", (code) => reject(new Error(`express exited ${code}: ${output}`)));
  });
  return { url: `http://localhost:${port}/api/reqio-token`, stop: () => child.kill() };
}

describe("Express stack, run with node", () => {
  it("as pasted: GET /api/reqio-token answers 401 JSON, not cached, when nobody is signed in", async () => {
    const server = await startExpress(["server.cjs"]);
    try {
      const response = await fetch(server.url);
      expect(response.status).toBe(401);
      expect(response.headers.get("cache-control")).toBe("no-store");
      expect(await response.json()).toEqual({ error: "Not signed in" });
    } finally {
      server.stop();
    }
  });

  it("behind the customer's auth middleware (req.user), returns a fresh token for the signed-in user", async () => {
    fs.writeFileSync(path.join(dir, "express", "host.cjs"), EXPRESS_HOST);
    const server = await startExpress(["host.cjs"]);
    try {
      const tokens: string[] = [];
      for (const user of Object.keys(CUSTOMER_USERS)) {
        const response = await fetch(server.url, { headers: { "x-demo-user": user } });
        expect(response.status).toBe(200);
        expect(response.headers.get("cache-control")).toBe("no-store");
        tokens.push(((await response.json()) as { token: string }).token);
      }
      expectEveryCustomerUser(tokens.join("\n"));
      expect((await fetch(server.url, { headers: { "x-demo-user": "nobody" } })).status).toBe(401);
    } finally {
      server.stop();
    }
  });
});

describe("Next.js (App Router) stack", () => {
  const cwd = () => path.join(dir, "nextjs");

  it("lib/reqio.ts mints tokens the verifier accepts (server conditions, as Next resolves server-only)", () => {
    write(cwd(), "mint-all.ts", mintAllWith('(await import("./lib/reqio.ts")).mintReqioToken'));
    const result = run(process.execPath, ["--conditions=react-server", "--import", "tsx", "mint-all.ts"], { REQIO_SECRET: `\t${secret} \n` }, cwd());
    expect(result.stderr).toBe("");
    expectEveryCustomerUser(result.stdout);
  });

  it("the route handler answers 401 JSON signed out and a fresh token signed in, never cached", async () => {
    process.env.REQIO_SECRET = ` ${secret}\n`;
    const signedOut = await import(/* @vite-ignore */ path.join(cwd(), "app/api/reqio-token/route.ts"));
    const refused: Response = await signedOut.GET();
    expect(refused.status).toBe(401);
    expect(refused.headers.get("cache-control")).toBe("no-store");
    expect(await refused.json()).toEqual({ error: "Not signed in" });

    const signedIn = path.join(dir, "nextjs-signed-in");
    write(signedIn, "lib/reqio.ts", plugInAuth(file("nextjs", "lib/reqio.ts"), `  return ${JSON.stringify(CUSTOMER_USERS.noemail)};`));
    write(signedIn, "app/api/reqio-token/route.ts", file("nextjs", "app/api/reqio-token/route.ts"));
    const answer: Response = await (await import(/* @vite-ignore */ path.join(signedIn, "app/api/reqio-token/route.ts"))).GET();
    expect(answer.status).toBe(200);
    expect(answer.headers.get("cache-control")).toBe("no-store");
    const { token } = (await answer.json()) as { token: string };
    expect(verify(token)).toMatchObject({ id: "user_noemail", email: null, mrrCents: 2492 });
    delete process.env.REQIO_SECRET;
  });

  it("every file type-checks under tsc --strict, as pasted and with getSignedInUser() filled in", () => {
    const page = `import { ReqioWidget } from "./components/reqio-widget";
import { identifyWithReqio } from "./components/reqio-identify";
export default function Layout({ children }: { children: React.ReactNode }) {
  void identifyWithReqio;
  return <html><body>{children}<ReqioWidget /></body></html>;
}
`;
    // One tsc program over two copies: the files as pasted, and with the marked function filled in.
    const filled = path.join(dir, "nextjs-filled");
    fs.cpSync(cwd(), filled, { recursive: true });
    fs.writeFileSync(path.join(filled, "lib", "reqio.ts"), plugInAuth(file("nextjs", "lib/reqio.ts"), NEXT_COOKIE_AUTH));
    const roots = [cwd(), filled].flatMap((at) => [path.join(at, "layout.tsx"), path.join(at, "app/api/reqio-token/route.ts")]);
    for (const at of [cwd(), filled]) write(at, "layout.tsx", page);
    const args = ["--noEmit", "--strict", "--target", "es2022", "--module", "esnext", "--moduleResolution", "bundler", "--jsx", "react-jsx"];
    const result = run(bin("tsc"), [...args, "--lib", "dom,es2022", "--skipLibCheck", "--types", "node,react", ...roots], {});
    expect(result.stdout + result.stderr).toBe("");
    expect(result.status).toBe(0);
  });
});
