import type { Role } from "@/lib/authz/roles";
import type { Environment } from "@/lib/identity/environments";

/** Everything a signed-in user can ask to do to a team's resources, and which roles may. */
export const PERMISSIONS = {
  "team:view": ["owner", "admin", "member"],
  "team:rename": ["owner", "admin"],
  "team:delete": ["owner"],
  /** Whether members may reveal the development secret: the team's one environment setting. */
  "team:development-access": ["owner"],
  /** Whether revealing, rotating and expiring secrets need a second factor: the team's security setting. */
  "team:second-factor-requirement": ["owner"],
  "members:view": ["owner", "admin", "member"],
  "members:invite": ["owner", "admin"],
  "members:manage": ["owner", "admin"],
  "owners:manage": ["owner"],
  "audit:view": ["owner", "admin"],
  "project:view": ["owner", "admin", "member"],
  "project:create": ["owner", "admin"],
  "project:rename": ["owner", "admin"],
  "project:delete": ["owner", "admin"],
  "secret:reveal": ["owner", "admin"],
  "secret:rotate": ["owner", "admin"],
  "secret:expire": ["owner", "admin"],
  "token:debug": ["owner", "admin", "member"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

/** The one place that decides; pages, actions and route handlers all ask it. */
export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

/** What a team's owner may open up beyond PERMISSIONS, or require on top of them, one setting each. */
export type TeamPolicy = { membersRevealDevelopmentSecret: boolean; requireSecondFactor: boolean };

/** What a team requiring a second factor keeps from members without one: everything that touches a secret. */
const SECOND_FACTOR_GATED: readonly Permission[] = ["secret:reveal", "secret:rotate", "secret:expire"];

/** Whether `permission` on this team's resources needs the caller to have a second factor (passkey or authenticator app). */
export function needsSecondFactor(permission: Permission, team: TeamPolicy): boolean {
  return team.requireSecondFactor && SECOND_FACTOR_GATED.includes(permission);
}

/**
 * `can` for one environment's secret: production is exactly PERMISSIONS; in development members may
 * also reveal, when an owner allowed it for the team (they are the developers who need that secret).
 */
export function canInEnvironment(role: Role, permission: Permission, environment: Environment, team: TeamPolicy): boolean {
  if (can(role, permission)) return true;
  return environment === "development" && permission === "secret:reveal" && role === "member" && team.membersRevealDevelopmentSecret;
}
