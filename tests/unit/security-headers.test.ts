import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, createNonce, isCrossOriginEndpoint, requestIsHttps, securityHeaders } from "@/lib/security/security-headers";

const directives = (policy: string) => new Map(policy.split("; ").map((d) => [d.split(" ")[0]!, d.split(" ").slice(1).join(" ")]));

describe("contentSecurityPolicy", () => {
  it("production: scripts only by nonce (+ strict-dynamic), no inline or eval; locked-down framing, base, forms, objects", () => {
    const csp = directives(contentSecurityPolicy("abc123==", { development: false, https: false }));
    expect(csp.get("script-src")).toBe("'self' 'nonce-abc123==' 'strict-dynamic'");
    expect(csp.get("style-src")).toBe("'self' 'unsafe-inline'"); // shiki's style="" attributes
    expect(csp.get("frame-ancestors")).toBe("'none'");
    expect(csp.get("base-uri")).toBe("'self'");
    expect(csp.get("form-action")).toBe("'self'");
    expect(csp.get("object-src")).toBe("'none'");
    expect(csp.get("default-src")).toBe("'self'");
    expect(csp.has("upgrade-insecure-requests")).toBe(false);
  });

  it("adds 'unsafe-eval' only in development, and upgrade-insecure-requests only over https", () => {
    expect(directives(contentSecurityPolicy("n", { development: true, https: false })).get("script-src")).toContain("'unsafe-eval'");
    expect(contentSecurityPolicy("n", { development: false, https: true })).toContain("upgrade-insecure-requests");
  });
});

describe("createNonce", () => {
  it("is 128 random bits, base64, different every time", () => {
    const nonces = new Set(Array.from({ length: 1000 }, createNonce));
    expect(nonces.size).toBe(1000);
    for (const nonce of nonces) expect(Buffer.from(nonce, "base64")).toHaveLength(16);
  });
});

describe("securityHeaders / requestIsHttps", () => {
  it("HSTS only over https", () => {
    expect(securityHeaders({ https: false })).toEqual({
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "strict-origin-when-cross-origin",
      "X-Frame-Options": "DENY",
    });
    expect(securityHeaders({ https: true })["Strict-Transport-Security"]).toMatch(/^max-age=\d{8,}/);
  });

  it.each([
    [{ protocol: "https:", forwardedProto: null, appUrl: undefined }, true],
    [{ protocol: "http:", forwardedProto: "https", appUrl: undefined }, true],
    [{ protocol: "http:", forwardedProto: "https,http", appUrl: undefined }, true],
    [{ protocol: "http:", forwardedProto: null, appUrl: "https://reqio.example.com" }, true],
    [{ protocol: "http:", forwardedProto: "http", appUrl: "http://localhost:3000" }, false],
    [{ protocol: "http:", forwardedProto: null, appUrl: undefined }, false],
  ])("%j -> %s", (input, https) => expect(requestIsHttps(input)).toBe(https));
});

describe("isCrossOriginEndpoint", () => {
  it.each([
    ["/widget.js", true],
    ["/api/v1/projects/prj_abc/identify", true],
    ["/api/v1/projects/prj_abc/identify/", true],
    ["/widget.jsx", false],
    ["/api/v1/projects/prj_abc/settings", false],
    ["/projects/prj_abc/settings/identity", false],
    ["/api/v1/projects/a/b/identify", false],
    ["/sign-in", false],
  ])("%s -> %s", (pathname, expected) => expect(isCrossOriginEndpoint(pathname)).toBe(expected));
});
