import { describe, expect, it } from "vitest";
import { safeCallbackUrl } from "@/lib/auth/callback-url";
import { openRedirectPayloads } from "../fixtures/open-redirect-payloads";

const APP = "http://localhost:3100";

describe("safeCallbackUrl", () => {
  const payloads = openRedirectPayloads(APP);

  it("has at least 30 payloads to try", () => {
    expect(payloads.length).toBeGreaterThanOrEqual(30);
  });

  it.each(payloads)("sends %j to the dashboard", (payload) => {
    expect(safeCallbackUrl(payload, APP)).toBe("/");
  });

  it("keeps the app's own paths, with their query and fragment", () => {
    expect(safeCallbackUrl("/invite/abc123", APP)).toBe("/invite/abc123");
    expect(safeCallbackUrl("/teams/t1?joined=1#members", APP)).toBe("/teams/t1?joined=1#members");
    expect(safeCallbackUrl(`${APP}/projects/p1/settings/identity`, APP)).toBe("/projects/p1/settings/identity");
  });

  it("sends nothing, an overlong value and a malformed one to the dashboard without throwing", () => {
    expect(safeCallbackUrl(undefined, APP)).toBe("/");
    expect(safeCallbackUrl("", APP)).toBe("/");
    expect(safeCallbackUrl(`/${"a".repeat(3000)}`, APP)).toBe("/");
    expect(safeCallbackUrl("http://[::1", APP)).toBe("/");
  });
});
