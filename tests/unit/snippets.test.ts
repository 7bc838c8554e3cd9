import { describe, expect, it } from "vitest";
import { envSnippet, identityStacks, type SnippetLanguage, type SnippetStack } from "@/lib/identity/snippets";
import { identityAudience, widgetScriptUrl } from "@/lib/identity/audience";
import { highlightCode } from "@/lib/identity/highlight";
import { generateProjectId } from "@/lib/identity/project-id";
import { generateIdentitySecret, lastFour, maskSecret } from "@/lib/identity/secret";
import { typeCheckCustomerFiles } from "../helpers/type-check-tsx";

const appUrl = "https://reqio.example.com";
const projectId = generateProjectId();
const audience = `${appUrl}/p/${projectId}`;
const stacks = identityStacks({ appUrl, projectId });
const stack = (id: string): SnippetStack => {
  const found = stacks.find((s) => s.id === id);
  if (!found) throw new Error(`no stack ${id}`);
  return found;
};
const file = (stackId: string, path: string) => {
  const found = stack(stackId).files.find((f) => f.path === path);
  if (!found) throw new Error(`no file ${path} in ${stackId}`);
  return found.code;
};

describe("identityAudience / widgetScriptUrl", () => {
  it("are <appUrl>/p/<projectId> and <appUrl>/widget.js", () => {
    expect(identityAudience(appUrl, projectId)).toBe(audience);
    expect(widgetScriptUrl(appUrl)).toBe(`${appUrl}/widget.js`);
  });
});

describe("identityStacks", () => {
  it("gives each stack a unique id and label, an intro, and files with unique ids and paths", () => {
    expect(stacks.length).toBeGreaterThan(0);
    expect(new Set(stacks.map((s) => s.id)).size).toBe(stacks.length);
    expect(new Set(stacks.map((s) => s.label)).size).toBe(stacks.length);
    for (const { intro, files } of stacks) {
      expect(intro.length).toBeGreaterThan(20);
      expect(files.length).toBeGreaterThan(0);
      expect(new Set(files.map((f) => f.id)).size).toBe(files.length);
      expect(new Set(files.map((f) => f.path)).size).toBe(files.length);
      for (const { path, code } of files) {
        expect(path).not.toBe(".env"); // the page shows the .env line once, for every stack
        expect(code.endsWith("\n")).toBe(true);
        expect(code).not.toMatch(/rqio_sk_/); // never a secret: they read REQIO_SECRET
      }
    }
  });

  it("lists the widget stacks, filled in with this project", () => {
    expect(stacks.map((s) => s.label)).toEqual(expect.arrayContaining(["Widget (HTML)", "Widget (React/JSX)"]));
    const other = identityStacks({ appUrl: "http://localhost:3000", projectId: generateProjectId() });
    expect(JSON.stringify(other)).not.toContain(projectId);
    expect(JSON.stringify(stacks)).toContain(projectId);
  });
});

describe("highlightCode", () => {
  // Every SnippetLanguage needs a sample here (the Record's type says so), so a new one can't ship unloaded.
  const samples: Record<SnippetLanguage, string> = {
    typescript: "const a: number = 1;",
    tsx: "export const A = () => <div className=\"a\">{1}</div>;",
    javascript: "const a = 1;",
    html: "<script src=\"/a.js\"></script>",
    dotenv: "REQIO_SECRET=x",
    python: "def mint(user):\n    return jwt.encode({}, 'k')",
    ruby: "def mint(user)\n  JWT.encode({}, 'k')\nend",
    php: "<?php\nfunction mint($user) { return 'k'; }",
    go: "package main\nfunc mint() string { return \"k\" }",
    java: "public final class Reqio { static String mint() { return \"k\"; } }",
  };

  it.each(Object.entries(samples))("colours %s with the JS regex engine", async (language, code) => {
    const html = await highlightCode(code, language as SnippetLanguage);
    expect(html).toMatch(/^<pre class="shiki shiki-themes github-light-default github-dark-default"/);
    // Coloured tokens: the grammar tokenized it (an unknown language would throw; plain text has no token span).
    expect(html.match(/<span (?:class="s[a-z]"|style="[^"]*")>/g)?.length ?? 0).toBeGreaterThan(0);
  });
});

describe("Widget (HTML) stack", () => {
  const tag = () => file("widget-html", "index.html");
  const stub = () => tag().match(/<script>(.*?)<\/script>/)![1]!;

  it("loads <appUrl>/widget.js with this project's ID and a token placeholder, async", () => {
    expect(tag()).toContain(`src="${appUrl}/widget.js"`);
    expect(tag()).toContain(`data-project-id="${projectId}"`);
    expect(tag()).toContain('data-identity-token="<your minted token>"');
    expect(tag()).toMatch(/^\s+async$/m);
    expect(tag()).toContain("add data-debug to the tag");
  });

  it("has a queue stub whose identify returns a Promise and queues [token, resolve]", () => {
    const window: { Reqio?: { q: [string, (value: unknown) => void][]; identify: (token: string) => Promise<unknown> } } = {};
    new Function("window", stub())(window);
    const pending = window.Reqio!.identify("t1");
    expect(pending).toBeInstanceOf(Promise);
    expect(window.Reqio!.q.map(([token, resolve]) => [token, typeof resolve])).toEqual([["t1", "function"]]);
  });

  it("has an SPA file that fetches /api/reqio-token and returns window.Reqio.identify's Promise", () => {
    const spa = file("widget-html", "reqio-identify.js");
    expect(() => new Function(spa)).not.toThrow();
    expect(spa).toContain('fetch("/api/reqio-token"');
    expect(spa).toContain("return window.Reqio.identify(token);");
    expect(spa).toContain("if (!response.ok) return null;");
  });
});

describe("Widget (React/JSX) stack", () => {
  const component = () => file("widget-jsx", "components/ReqioWidget.tsx");
  // How a customer renders it: with a server-minted token, and without (it fetches /api/reqio-token).
  const usage = 'import { ReqioWidget } from "./components/ReqioWidget";\nexport const Pages = () => <><ReqioWidget token="t" debug /><ReqioWidget /></>;\n';

  it("is filled in with this project and starts with the client directive", () => {
    expect(component().split("\n")[0]).toMatch(/^"use client";/);
    expect(component()).toContain(`const REQIO_WIDGET_URL = "${appUrl}/widget.js";`);
    expect(component()).toContain(`const REQIO_PROJECT_ID = "${projectId}";`);
    expect(component()).toContain('fetch("/api/reqio-token"');
  });

  it("type-checks as pasted under a strict tsconfig with the repo's TypeScript", () => {
    expect(typeCheckCustomerFiles({ "components/ReqioWidget.tsx": component(), "pages.tsx": usage })).toEqual([]);
  });

  it("the check fails on a type error (it is not vacuous)", () => {
    const broken = component().replace("script.async = true;", "script.async = \"yes\";");
    expect(typeCheckCustomerFiles({ "components/ReqioWidget.tsx": broken, "pages.tsx": usage })).toEqual([
      expect.stringMatching(/^components\/ReqioWidget\.tsx\(\d+\): TS2322 /),
    ]);
  });
});

describe("envSnippet", () => {
  it("is one REQIO_SECRET= line, masked until revealed", () => {
    const secret = generateIdentitySecret();
    expect(envSnippet(secret)).toEqual({ id: "env", path: ".env", language: "dotenv", code: `REQIO_SECRET=${secret}\n` });
    expect(envSnippet(maskSecret(lastFour(secret))).code).not.toContain(secret.slice(8, -4));
  });
});
