// Every audit action, in one list without database access: the filter, the UI and the writer share it.
export const AUDIT_ACTIONS = [
  "project.created",
  "project.renamed",
  "project.deleted",
  "secret.revealed",
  "secret.rotated",
  "secret.previous_expired",
  "token_debugger.used",
  "reauth.confirmed",
  "reauth.failed",
  "team.created",
  "team.renamed",
  "team.deleted",
  "member.invited",
  "invitation.revoked",
  "invitation.accepted",
  "member.role_changed",
  "member.removed",
  "member.left",
  "ownership.transferred",
  "sessions.revoked",
  "password.changed",
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];
