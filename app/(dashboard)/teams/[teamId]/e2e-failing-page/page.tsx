import { notFound } from "next/navigation";

/**
 * Exists only for the end-to-end suite (scripts/e2e-server.sh sets REQIO_E2E_FAILING_PAGE=1): no real
 * page can be made to fail from a browser, so the error boundary's test needs one that always does.
 * Everywhere else it is a plain 404. Rendered per request (the team layout reads the session), so the
 * variable is read at run time, never baked in by the build.
 */
export default function E2eFailingPage() {
  if (process.env.REQIO_E2E_FAILING_PAGE !== "1") notFound();
  throw new Error("e2e-failing-page: internal detail that must not reach the browser");
}
