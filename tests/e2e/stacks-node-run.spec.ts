// The Node.js (CommonJS) and Express stacks, copied from the rendered Identity page, run with node; the
// tokens they print or serve are POSTed to the identify endpoint.
import { expect, test, type APIRequestContext } from "@playwright/test";
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { CUSTOMER_USERS, EXPRESS_HOST } from "../fixtures/customer-app/plug-in-auth";
import { specPort } from "./addresses";
import { copyStackFile, createProject, E2E_DIR, revealSecret, signUp } from "./helpers";

test.use({ permissions: ["clipboard-read", "clipboard-write"] });

const EXPRESS_PORT = specPort("stacks-node-run: Express");

function write(dir: string, files: Record<string, string>) {
  fs.mkdirSync(dir, { recursive: true });
  for (const [name, code] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), code);
}

async function identify(request: APIRequestContext, projectId: string, token: string) {
  const response = await request.post(`/api/v1/projects/${projectId}/identify`, { data: { token } });
  return { status: response.status(), body: await response.json() };
}

const NO_EMAIL = { status: 200, body: { ok: true, user: { id: "user_noemail", email: null, interval: "year", mrrCents: 2492 } } };

test("the Node.js (CommonJS) and Express stacks run as pasted and their tokens identify over HTTP", async ({ page, request }) => {
  await signUp(page, "Nodestacks");
  const projectId = await createProject(page, "Node stacks");
  const secret = await revealSecret(page);
  // Inside the repo, so jose and express resolve from its node_modules, as from the customer's.
  const nodeDir = path.join(E2E_DIR, "stack-node");
  const expressDir = path.join(E2E_DIR, "stack-express");
  write(nodeDir, { "reqio-token.cjs": await copyStackFile(page, "Node.js (CommonJS)", "reqio-token.cjs") });
  write(expressDir, {
    "reqio-token.cjs": await copyStackFile(page, "Express", "reqio-token.cjs"),
    "server.cjs": await copyStackFile(page, "Express", "server.cjs"),
    "host.cjs": EXPRESS_HOST,
  });
  // Pasted into .env with a trailing newline: the snippets trim it.
  const env = { ...process.env, REQIO_SECRET: `${secret}\n` };

  const printed = execFileSync("node", ["reqio-token.cjs"], { cwd: nodeDir, env, encoding: "utf8" }).trim();
  expect(await identify(request, projectId, printed)).toMatchObject({ status: 200, body: { ok: true, user: { id: "user_123", email: "ada@example.com", mrrCents: 2900 } } });
  const noEmail = `require("./reqio-token.cjs").mintReqioToken(${JSON.stringify(CUSTOMER_USERS.noemail)}).then((t) => console.log(t));`;
  const minted = execFileSync("node", ["-e", noEmail], { cwd: nodeDir, env, encoding: "utf8" }).trim();
  expect(await identify(request, projectId, minted)).toMatchObject(NO_EMAIL);

  // Express: server.cjs mounted behind the customer's auth middleware (req.user), as Passport sets it.
  const server = spawn("node", ["host.cjs"], { cwd: expressDir, env: { ...env, PORT: String(EXPRESS_PORT) }, stdio: "inherit" });
  try {
    const route = `http://localhost:${EXPRESS_PORT}/api/reqio-token`;
    await expect.poll(() => fetch(route).then((r) => r.status, () => 0)).toBe(401);
    const tokenFor = async (user: string) => {
      const response = await fetch(route, { headers: { "x-demo-user": user } });
      expect(response.headers.get("cache-control")).toBe("no-store");
      return ((await response.json()) as { token: string }).token;
    };
    expect(await identify(request, projectId, await tokenFor("ada"))).toMatchObject({ status: 200, body: { ok: true, user: { id: "user_ada", mrrCents: 2900 } } });
    expect(await identify(request, projectId, await tokenFor("noemail"))).toMatchObject(NO_EMAIL);
  } finally {
    server.kill();
  }
});
