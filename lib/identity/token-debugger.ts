import "server-only";
import { SignJWT } from "jose";
import { inspectIdentityToken, type FailureCause, type TokenInspection } from "@/lib/identity/token-verifier";
import { projectVerification } from "@/lib/identity/project-keys";
import { decryptCurrentSecret } from "@/lib/identity/secret-store";
import { hmacKeyFromSecret } from "@/lib/identity/secret";
import { UserFacingError } from "@/lib/result";
import type { Environment } from "@/lib/identity/environments";

/** What the debugger shows; the token itself is neither stored nor logged. */
export type TokenDebugReport = Omit<TokenInspection, "result"> & { ok: boolean; code: string | null; cause: FailureCause | null; message: string | null };
/** What the debugger's actions send back: the token to keep in the field (emptied if it was a secret) and its report. */
export type DebugResult = { token: string; report: TokenDebugReport };

export async function debugIdentityToken(projectId: string, token: string): Promise<TokenDebugReport> {
  const verification = await projectVerification(projectId);
  if (!verification) throw new UserFacingError("Project not found.");
  // header.payload. with an empty signature is how the status panel hands over a stored example.
  const claimsOnly = token.endsWith(".") && token.split(".").length === 3;
  const { result, ...inspection } = inspectIdentityToken(token, { ...verification, claimsOnly });
  return {
    ...inspection,
    ok: result.ok,
    code: result.ok ? null : result.code,
    cause: result.ok ? null : result.cause,
    message: result.ok ? null : result.message,
  };
}

/** A sample token signed with the environment's current secret, exactly as the snippets mint one. */
export async function mintTestToken(projectId: string, environment: Environment): Promise<string> {
  const verification = await projectVerification(projectId);
  if (!verification) throw new UserFacingError("Project not found.");
  const { secret } = await decryptCurrentSecret(projectId, environment);
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({
    sub: "reqio_test_user",
    email: "test-user@example.com",
    traits: { plan: "pro", amount: 2900, interval: "month" },
  })
    .setProtectedHeader({ alg: "HS256" })
    .setAudience(verification.audience)
    .setIssuedAt(now)
    .setExpirationTime(now + 300)
    .sign(hmacKeyFromSecret(secret));
}
