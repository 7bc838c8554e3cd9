import { can, canInEnvironment, needsSecondFactor, type TeamPolicy } from "@/lib/authz/policy";
import type { Role } from "@/lib/authz/roles";
import type { Environment } from "@/lib/identity/environments";

/** What the Identity page tells a role about the secret it can't fully manage here, and who can; null when it can. */
export function secretPermissionNote(role: Role, environment: Environment, team: TeamPolicy): string | null {
  const reveal = canInEnvironment(role, "secret:reveal", environment, team);
  if (reveal && can(role, "secret:rotate")) return null;
  if (reveal) return "You can reveal the development secret (an owner allowed members to). Only owners and admins can rotate it.";
  if (environment === "development") {
    return "Only owners and admins of this team can reveal or rotate the development secret, unless an owner lets members reveal it in Team settings.";
  }
  return "Only owners and admins of this team can reveal or rotate the secret.";
}

export const SECOND_FACTOR_NOTE =
  "This team requires a second factor to reveal, rotate or expire signing secrets. Add a passkey or an authenticator app on your Account page.";

export type SecretAbilities = { canReveal: boolean; canRotate: boolean; canExpire: boolean; note: string | null };

/**
 * What the Identity page offers: the role's permissions, less what the team's second-factor requirement
 * keeps from a caller without one (the actions refuse it anyway: lib/authz/access.ts), and why.
 */
export function secretAbilities(role: Role, environment: Environment, team: TeamPolicy, callerHasSecondFactor: boolean): SecretAbilities {
  const canReveal = canInEnvironment(role, "secret:reveal", environment, team);
  const canRotate = can(role, "secret:rotate");
  const canExpire = can(role, "secret:expire");
  if ((canReveal || canRotate || canExpire) && needsSecondFactor("secret:reveal", team) && !callerHasSecondFactor) {
    return { canReveal: false, canRotate: false, canExpire: false, note: SECOND_FACTOR_NOTE };
  }
  return { canReveal, canRotate, canExpire, note: secretPermissionNote(role, environment, team) };
}
