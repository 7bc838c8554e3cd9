/**
 * The "aud" check: exactly the project's audience, as a string or a one-element array. An array
 * with more audiences is refused: a token valid for several services could be replayed here.
 */
import { showValue } from "./display";
import { fail, pass, type StepOutcome, type TokenFailure } from "./outcome";

const PROJECT_IN_AUDIENCE = /\/p\/([^/?#]+)\/?$/;

/**
 * The failure for a token whose `aud` names another project's audience, or null. Checked before the
 * signature: such a token was signed for that project, and the fix is the project ID, not the secret.
 */
export function wrongProject(claims: Record<string, unknown>, expected: string): TokenFailure | null {
  const aud = Array.isArray(claims.aud) && claims.aud.length === 1 ? claims.aud[0] : claims.aud;
  if (aud === expected || typeof aud !== "string") return null;
  const theirs = PROJECT_IN_AUDIENCE.exec(aud)?.[1];
  const ours = PROJECT_IN_AUDIENCE.exec(expected)?.[1];
  if (theirs === undefined || ours === undefined || theirs === ours) return null;
  return {
    code: "audience_mismatch",
    cause: "wrong_project",
    claim: "aud",
    message: `This token is for project ${showValue(theirs)}, not this one (${JSON.stringify(ours)}): check data-project-id on the widget tag, and that your server mints with this project's secret and the audience ${JSON.stringify(expected)}.`,
  };
}

/** Says what differs between a received audience and the expected one, as a fix ("remove the trailing slash"). */
export function describeAudienceDifference(received: string, expected: string): string | null {
  if (received === `${expected}/`) return "remove the trailing slash";
  if (received.trim() !== received && received.trim() === expected) return "remove the surrounding whitespace";
  if (received.toLowerCase() === expected.toLowerCase()) return "the letter case differs; `aud` is compared exactly";
  let got: URL;
  let want: URL;
  try {
    got = new URL(received);
    want = new URL(expected);
  } catch {
    return `use the exact audience ${JSON.stringify(expected)}`;
  }
  const fixes: string[] = [];
  if (got.protocol !== want.protocol) fixes.push(`use ${want.protocol}// instead of ${got.protocol}//`);
  if (got.host !== want.host) fixes.push(`the host differs: ${JSON.stringify(got.host)} instead of ${JSON.stringify(want.host)}`);
  if (got.pathname !== want.pathname) {
    const gotProject = /^\/p\/([^/]+)\/?$/.exec(got.pathname)?.[1];
    const wantProject = /^\/p\/([^/]+)$/.exec(want.pathname)?.[1];
    if (got.pathname === `${want.pathname}/`) fixes.push("remove the trailing slash");
    else if (gotProject !== undefined && wantProject !== undefined) {
      fixes.push(`the project id differs: ${JSON.stringify(gotProject)} instead of ${JSON.stringify(wantProject)} (a token for another project?)`);
    } else fixes.push(`the path differs: ${JSON.stringify(got.pathname)} instead of ${JSON.stringify(want.pathname)}`);
  }
  if (got.search !== want.search || got.hash !== want.hash) fixes.push("remove the query string or fragment");
  return fixes.length > 0 ? fixes.join("; ") : `use the exact audience ${JSON.stringify(expected)}`;
}

function mismatch(received: string, expected: string, prefix = "`aud` is"): StepOutcome {
  const fix = describeAudienceDifference(received, expected);
  const hint = fix === null ? undefined : fix.charAt(0).toUpperCase() + fix.slice(1) + ".";
  const message = `${prefix} ${showValue(received)} but this project expects ${JSON.stringify(expected)}${fix === null ? "" : ` (${fix})`}.`;
  return fail("audience_mismatch", message, "aud", hint);
}

export function checkAudience(claims: Record<string, unknown>, expected: string): StepOutcome {
  if (!Object.hasOwn(claims, "aud")) {
    return fail("missing_claim", `The \`aud\` claim is missing: set it with .setAudience(${JSON.stringify(expected)}).`, "aud");
  }
  const aud = claims.aud;
  if (typeof aud === "string") return aud === expected ? pass(() => `Matches ${JSON.stringify(expected)}.`) : mismatch(aud, expected);
  if (Array.isArray(aud)) {
    if (aud.length === 1 && typeof aud[0] === "string") {
      return aud[0] === expected ? pass(() => `Matches ${JSON.stringify(expected)} (one-element array).`) : mismatch(aud[0], expected, "`aud[0]` is");
    }
    const what = aud.length === 0 ? "an empty array" : `an array of ${aud.length} values`;
    return fail(
      "audience_mismatch",
      `\`aud\` is ${what}; it must be exactly ${JSON.stringify(expected)} (a single audience: tokens valid for other services are refused).`,
      "aud",
      `Use .setAudience(${JSON.stringify(expected)}) with this one value.`,
    );
  }
  return fail("audience_mismatch", `\`aud\` must be the string ${JSON.stringify(expected)} (got ${showValue(aud)}).`, "aud");
}
