import type { Role } from "@/lib/authz/roles";

/** Everything a signed-in user can ask to do to a team's resources, and which roles may. */
export const PERMISSIONS = {
  "team:view": ["owner", "admin", "member"],
  "team:rename": ["owner", "admin"],
  "team:delete": ["owner"],
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
