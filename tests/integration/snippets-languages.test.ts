// The Python, Ruby, PHP, Go and Java stacks, run in their real toolchains from the text the page renders
// (identityStacks()), post their tokens to the real identify server (tests/e2e/snippets-languages.spec.ts
// does the same from the rendered page's Copy buttons).
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createProject } from "@/lib/projects/projects";
import { decryptCurrentSecret } from "@/lib/identity/secret-store";
import { identityStacks } from "@/lib/identity/snippets";
import { createTeamWithOwner } from "../helpers/fixtures";
import { identifyUrl, request, startIdentifyServer, testPort, type RunningServer } from "../helpers/identify-server";
import { CASE_USERS, caseTokens, decodeParts, runSnippetDirectly, SAMPLE_USER_ANSWER, SERVER_LANGUAGES, snippetPath, tokenFromDirectRun } from "../helpers/snippet-runners";

const APP_URL = "http://localhost:3000";

let server: RunningServer;
let project: { id: string; secret: string };
beforeAll(async () => {
  server = await startIdentifyServer(testPort(40), { APP_URL });
  const owner = await createTeamWithOwner("snippets");
  const { id } = await createProject({ teamId: owner.team.id, name: "Snippets", actor: owner.actor });
  project = { id, secret: (await decryptCurrentSecret(id, "production")).secret };
});
afterAll(async () => {
  await server?.stop();
});

// A fresh connection each time: a toolchain run can outlast the server's keep-alive timeout.
const agent = new http.Agent({ keepAlive: false });
const identify = (token: string) => request(identifyUrl(server, project.id), { body: JSON.stringify({ token }), agent });

function snippetCode(language: (typeof SERVER_LANGUAGES)[number]): string {
  const stack = identityStacks({ appUrl: APP_URL, projectId: project.id }).find((candidate) => candidate.id === language);
  expect(stack, `no ${language} stack on the page`).toBeDefined();
  expect(stack!.files.map((file) => file.path)).toEqual([snippetPath(language)]);
  return stack!.files[0]!.code;
}

describe.each(SERVER_LANGUAGES)("the %s stack", (language) => {
  it("runs as pasted and prints a token for the sample user that identify accepts, with exactly the docs' claims", async () => {
    const token = tokenFromDirectRun(language, snippetCode(language), project.secret);
    const answer = await identify(token);
    expect(answer.body).toEqual({ ok: true, environment: "production", user: SAMPLE_USER_ANSWER });
    expect(answer.status).toBe(200);

    const { header, payload } = decodeParts(token);
    expect(header.alg).toBe("HS256");
    expect(Object.keys(payload).sort()).toEqual(["aud", "email", "exp", "iat", "sub", "traits"]);
    expect(payload.aud).toBe(`${APP_URL}/p/${project.id}`);
    expect(payload.traits).toEqual({ plan: "pro", amount: 2900, interval: "month" });
    expect((payload.exp as number) - (payload.iat as number)).toBe(300);
    expect(Math.abs((payload.iat as number) - Date.now() / 1000)).toBeLessThan(60);
  });

  it("trims a secret pasted with whitespace around it", async () => {
    const token = tokenFromDirectRun(language, snippetCode(language), `  ${project.secret} \n`);
    const answer = await identify(token);
    expect(answer.body).toMatchObject({ ok: true, user: { id: "user_123" } });
  });

  // One driver run mints for every case user: a JVM start or a Go build per case would double this file's time.
  let minted: ReturnType<typeof caseTokens> | undefined;
  const caseToken = (index: number) => (minted ??= caseTokens(language, snippetCode(language), project.secret))[index]!.token;

  it.each(CASE_USERS.map((c, index) => ({ ...c, index })))("mints for $name", async ({ user, answer, index }) => {
    const token = caseToken(index);
    const identified = await identify(token);
    expect(identified.body).toEqual({ ok: true, environment: "production", user: answer });
    expect(identified.status).toBe(200);
    // Left out, never sent as null or "".
    if (user.email === null) expect(decodeParts(token).payloadJson).not.toMatch(/"email"/);
  });

  it("says what to set when REQIO_SECRET is unset, and prints no token", () => {
    const result = runSnippetDirectly(language, snippetCode(language), undefined);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain("REQIO_SECRET is not set: copy it from Reqio > Project > Settings > Identity");
    expect(result.stdout).toBe("");
  });
});
