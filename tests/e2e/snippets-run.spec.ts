import { expect, test } from "@playwright/test";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { jwtVerify } from "jose";
import { copySnippet, createProject, E2E_DIR, revealSecret, signUp } from "./helpers";

test.use({ permissions: ["clipboard-read", "clipboard-write"] });

// The snippets run exactly as copied from the rendered page; only a driver around the ESM module is ours.
test("the Node.js (CommonJS) and Next.js (ESM) snippets run as pasted and mint tokens that verify", async ({ page, baseURL }) => {
  await signUp(page, "Linus");
  const projectId = await createProject(page, "Runs as pasted");
  const secret = await revealSecret(page);
  const audience = `${baseURL}/p/${projectId}`;
  const cjs = await copySnippet(page, "Node.js (CommonJS)");
  const esm = await copySnippet(page, "Next.js (ESM)");

  // Inside the repo so `jose` resolves from its node_modules, as it would in the customer's app.
  const dir = path.join(E2E_DIR, "snippets");
  fs.mkdirSync(path.join(dir, "lib"), { recursive: true });
  fs.writeFileSync(path.join(dir, "reqio-token.cjs"), cjs);
  fs.writeFileSync(path.join(dir, "lib", "reqio.ts"), esm);
  fs.writeFileSync(
    path.join(dir, "print-token.ts"),
    `import { mintReqioToken } from "./lib/reqio";\n` +
      `console.log(await mintReqioToken({ id: "user_42", email: "ada@example.com", plan: "pro", planAmount: 29900, billingInterval: "year" }));\n`,
  );
  const env = { ...process.env, REQIO_SECRET: secret };
  const key = new TextEncoder().encode(secret);

  const cjsToken = execFileSync("node", ["reqio-token.cjs"], { cwd: dir, env, encoding: "utf8" }).trim();
  const fromCjs = await jwtVerify(cjsToken, key, { audience, algorithms: ["HS256"] });
  expect(fromCjs.payload).toMatchObject({
    sub: "user_123",
    email: "ada@example.com",
    traits: { plan: "pro", amount: 2900, interval: "month" },
  });
  expect(fromCjs.payload.exp! - fromCjs.payload.iat!).toBe(300);

  const tsx = path.resolve("node_modules/.bin/tsx");
  const esmToken = execFileSync(tsx, ["print-token.ts"], { cwd: dir, env, encoding: "utf8" }).trim();
  const fromEsm = await jwtVerify(esmToken, key, { audience, algorithms: ["HS256"] });
  expect(fromEsm.protectedHeader.alg).toBe("HS256");
  expect(fromEsm.payload).toMatchObject({ sub: "user_42", traits: { plan: "pro", amount: 29900, interval: "year" } });
  expect(fromEsm.payload.exp! - fromEsm.payload.iat!).toBe(300);

  // A token from another secret does not verify against this project's secret.
  const wrongEnv = { ...process.env, REQIO_SECRET: secret.replace(/.$/, (c) => (c === "a" ? "b" : "a")) };
  const wrongToken = execFileSync("node", ["reqio-token.cjs"], { cwd: dir, env: wrongEnv, encoding: "utf8" }).trim();
  await expect(jwtVerify(wrongToken, key, { audience, algorithms: ["HS256"] })).rejects.toThrow();
});
