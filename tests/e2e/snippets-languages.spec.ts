import http from "node:http";
import { expect, test } from "@playwright/test";
import { copyStackFile, createProject, revealSecret, signUp } from "./helpers";
import { caseTokens, decodeParts, runSnippetDirectly, SAMPLE_USER_ANSWER, SERVER_LANGUAGES, snippetPath, tokenFromDirectRun, type ServerLanguage } from "../helpers/snippet-runners";

// The server-language stacks, copied from the rendered page with their Copy buttons, run in their real
// toolchains (tests/helpers/snippet-runners.ts) with the secret from the page's .env line, and their
// tokens posted to this dashboard's identify endpoint.
const LABELS: Record<ServerLanguage, string> = { python: "Python", ruby: "Ruby", php: "PHP", go: "Go", java: "Java" };

test.use({ permissions: ["clipboard-read", "clipboard-write"] });
test.skip(!!process.env.REQIO_TEST_POSTGRES_URL, "the snippets run the same whatever database the dashboard uses: this runs in the suite's SQLite pass, keeping CI within its time budget");

/**
 * One fresh connection per request (agent: false): a toolchain run (the JVM's start, a Go build) can
 * outlast the server's keep-alive timeout, and a pooled socket the server already closed fails the POST.
 */
function identify(baseURL: string | undefined, projectId: string, token: string): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    const body = JSON.stringify({ token });
    const request = http.request(`${baseURL}/api/v1/projects/${projectId}/identify`, {
      method: "POST",
      agent: false,
      headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) },
    }, (response) => {
      let text = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (text += chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) }));
    });
    request.on("error", reject);
    request.end(body);
  });
}

for (const language of SERVER_LANGUAGES) {
  test(`${LABELS[language]}: the copied file runs and its tokens identify the sample user, a yearly plan and a user with no email`, async ({ page, baseURL }) => {
    test.setTimeout(120_000);
    await signUp(page, LABELS[language]);
    const projectId = await createProject(page, `${LABELS[language]} app`);
    await revealSecret(page);
    const code = await copyStackFile(page, LABELS[language], snippetPath(language));
    const envLine = await copyStackFile(page, LABELS[language], ".env");
    const secret = envLine.match(/^REQIO_SECRET=(\S+)\n$/)?.[1];
    expect(secret, `the .env line as copied: ${JSON.stringify(envLine)}`).toBeDefined();
    expect(code).toContain(`${baseURL}/p/${projectId}`);

    const sample = tokenFromDirectRun(language, code, secret!);
    expect(await identify(baseURL, projectId, sample)).toEqual({ status: 200, body: { ok: true, environment: "production", user: SAMPLE_USER_ANSWER } });
    expect(decodeParts(sample).payload.exp as number).toBe((decodeParts(sample).payload.iat as number) + 300);

    // The .env line pasted with a trailing space and an extra newline still signs with the secret.
    const padded = tokenFromDirectRun(language, code, ` ${secret} \n`);
    expect((await identify(baseURL, projectId, padded)).status).toBe(200);

    for (const { name, user, answer, token } of caseTokens(language, code, secret!)) {
      expect(await identify(baseURL, projectId, token), name).toEqual({ status: 200, body: { ok: true, environment: "production", user: answer } });
      if (user.email === null) expect(decodeParts(token).payloadJson, name).not.toMatch(/"email"/);
    }

    const unset = runSnippetDirectly(language, code, undefined);
    expect(unset.status).not.toBe(0);
    expect(unset.stderr).toContain("REQIO_SECRET is not set");
  });
}
