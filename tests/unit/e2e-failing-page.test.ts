// The page the error-boundary e2e test renders must be a 404 wherever the suite didn't ask for it.
import { afterEach, describe, expect, it, vi } from "vitest";
import { isHTTPAccessFallbackError } from "next/dist/client/components/http-access-fallback/http-access-fallback";
import E2eFailingPage from "@/app/(dashboard)/teams/[teamId]/e2e-failing-page/page";

function thrownBy(render: () => unknown): unknown {
  try {
    render();
  } catch (error) {
    return error;
  }
  throw new Error("expected the page to throw");
}

describe("e2e failing page", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("is a 404 without REQIO_E2E_FAILING_PAGE=1", () => {
    for (const value of [undefined, "", "0", "true"]) {
      vi.stubEnv("REQIO_E2E_FAILING_PAGE", value);
      expect(isHTTPAccessFallbackError(thrownBy(E2eFailingPage)), `REQIO_E2E_FAILING_PAGE=${value}`).toBe(true);
    }
  });

  it("throws an ordinary error with it, for the error boundary", () => {
    vi.stubEnv("REQIO_E2E_FAILING_PAGE", "1");
    const error = thrownBy(E2eFailingPage);
    expect(isHTTPAccessFallbackError(error)).toBe(false);
    expect(error).toBeInstanceOf(Error);
  });
});
