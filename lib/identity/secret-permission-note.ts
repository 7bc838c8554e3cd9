import { can, canInEnvironment, type TeamPolicy } from "@/lib/authz/policy";
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
