import { describe, expect, it } from "vitest";
import { envSnippet, identitySnippets, type Snippet } from "@/lib/identity/snippets";
import { identityAudience, widgetScriptUrl } from "@/lib/identity/audience";
import { generateProjectId } from "@/lib/identity/project-id";
import { generateIdentitySecret, lastFour, maskSecret } from "@/lib/identity/secret";

const appUrl = "https://reqio.example.com";
const projectId = generateProjectId();
const audience = `${appUrl}/p/${projectId}`;
const masked = maskSecret("Ab12");
const snippets = identitySnippets({ appUrl, projectId, envSecret: masked });
const byId = (id: string): Snippet => {
  const snippet = snippets.find((s) => s.id === id);
  if (!snippet) throw new Error(`no snippet ${id}`);
  return snippet;
};

// The claims the public docs specify, written exactly as both server snippets must write them.
const CLAIM_LINES = [
  "sub: user.id,",
  "email: user.email,",
  "traits: { plan: user.plan, amount: user.planAmount, interval: user.billingInterval },",
];

describe("identityAudience / widgetScriptUrl", () => {
  it("are <appUrl>/p/<projectId> and <appUrl>/widget.js", () => {
    expect(identityAudience(appUrl, projectId)).toBe(audience);
    expect(widgetScriptUrl(appUrl)).toBe(`${appUrl}/widget.js`);
  });
});

describe("identitySnippets", () => {
  it("returns the five tabs in order with filenames and languages", () => {
    expect(snippets.map((s) => [s.id, s.filename, s.language])).toEqual([
      ["nextjs", "lib/reqio.ts", "typescript"],
      ["node", "reqio-token.cjs", "javascript"],
      ["widget", "index.html", "html"],
      ["identify", "app.js", "javascript"],
      ["env", ".env", "dotenv"],
    ]);
    expect(new Set(snippets.map((s) => s.label)).size).toBe(5);
  });

  describe.each(["nextjs", "node"])("%s token snippet", (id) => {
    const { code } = byId(id);

    it("binds tokens to this project's exact audience", () => {
      expect(code).toContain(`const REQIO_AUDIENCE = "${audience}";`);
      expect(code).toContain(".setAudience(REQIO_AUDIENCE)");
      expect(code.split(audience)).toHaveLength(2); // defined once, used by name
    });

    it("signs HS256 with the UTF-8 bytes of REQIO_SECRET, expiring 300 s after issue", () => {
      expect(code).toContain('.setProtectedHeader({ alg: "HS256" })');
      expect(code).toContain("new TextEncoder().encode(process.env.REQIO_SECRET)");
      expect(code).toContain("const now = Math.floor(Date.now() / 1000);");
      expect(code).toContain(".setIssuedAt(now)");
      expect(code).toContain(".setExpirationTime(now + 300)");
      expect(code).toContain(".sign(secret);");
    });

    it("sets the documented claims", () => {
      for (const line of CLAIM_LINES) expect(code).toContain(line);
    });

    it("refuses to run without REQIO_SECRET and never embeds a secret", () => {
      expect(code).toContain("if (!process.env.REQIO_SECRET) throw new Error(");
      expect(code).toContain("REQIO_SECRET is not set");
      expect(code).not.toMatch(/rqio_sk_/);
    });
  });

  it("claim lines are identical in both server snippets", () => {
    const claimsOf = (code: string) => code.split("\n").filter((l) => /^\s*(sub|email|traits): .*user\./.test(l)).map((l) => l.trim());
    expect(claimsOf(byId("nextjs").code)).toEqual(claimsOf(byId("node").code));
    expect(claimsOf(byId("nextjs").code)).toHaveLength(3);
  });

  it("Next.js snippet is ESM with a typed ReqioUser and an exported mintReqioToken", () => {
    const { code } = byId("nextjs");
    expect(code).toContain('import { SignJWT } from "jose";');
    expect(code).toContain("export async function mintReqioToken(user: ReqioUser): Promise<string>");
    expect(code).toMatch(/billingInterval: "month" \| "year";/);
    expect(code).not.toContain("require(");
  });

  it("Node snippet is CommonJS loading ESM-only jose with import()", () => {
    const { code } = byId("node");
    expect(code).toContain('await import("jose")');
    expect(code).toContain("module.exports = { mintReqioToken };");
    expect(code).toContain("if (require.main === module)");
    expect(code).not.toMatch(/^import /m);
  });

  it("widget tag loads <appUrl>/widget.js with this project's ID", () => {
    const { code } = byId("widget");
    expect(code).toContain(`src="${appUrl}/widget.js"`);
    expect(code).toContain(`data-project-id="${projectId}"`);
    expect(code).toContain("data-identity-token=");
    expect(code).toMatch(/\basync\b/);
  });

  it("identify snippet fetches a token from the customer's server and calls Reqio.identify", () => {
    const { code } = byId("identify");
    expect(code).toContain('fetch("/api/reqio-token"');
    expect(code).toContain("window.Reqio.identify(token)");
  });

  it("env tab shows the masked secret until revealed", () => {
    expect(byId("env").code).toBe(`REQIO_SECRET=${masked}\n`);
  });

  it("uses a different audience for a different project or app URL", () => {
    const other = identitySnippets({ appUrl: "http://localhost:3000", projectId: generateProjectId(), envSecret: masked });
    expect(other[0]!.code).not.toContain(audience);
    expect(other[0]!.code).toContain('const REQIO_AUDIENCE = "http://localhost:3000/p/prj_');
  });
});

describe("envSnippet", () => {
  it("is one REQIO_SECRET= line with the revealed secret", () => {
    const secret = generateIdentitySecret();
    expect(envSnippet(secret)).toEqual({ id: "env", label: ".env", filename: ".env", language: "dotenv", code: `REQIO_SECRET=${secret}\n` });
    expect(envSnippet(maskSecret(lastFour(secret))).code).not.toContain(secret.slice(8, -4));
  });
});
