export const ROLES = ["owner", "admin", "member"] as const;
export type Role = (typeof ROLES)[number];

export function parseRole(value: string): Role {
  if ((ROLES as readonly string[]).includes(value)) return value as Role;
  // A role we don't know grants nothing rather than something.
  return "member";
}
