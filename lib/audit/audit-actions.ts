// Every audit action, in one list without database access: the filter, the UI and the writer share it.
export const AUDIT_ACTIONS = [
  "project.created",
  "project.renamed",
  "project.deleted",
  "secret.revealed",
  "secret.rotated",
  "secret.previous_expired",
  "environment.created",
  "token_debugger.used",
  "reauth.confirmed",
  "reauth.failed",
  "step_up.confirmed",
  "step_up.failed",
  "team.created",
  "team.renamed",
  "team.deleted",
  "team.development_reveal_changed",
  "member.invited",
  "invitation.revoked",
  "invitation.accepted",
  "member.role_changed",
  "member.removed",
  "member.left",
  "ownership.transferred",
  "session.revoked",
  "sessions.revoked",
  "password.changed",
  "password.reset",
  "second_factor.added",
  "second_factor.removed",
  "recovery_codes.replaced",
  "team.second_factor_requirement_changed",
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/**
 * What people read for each action (the audit pages and the CSV's action_label column), and whether it is
 * recorded against a project (so a project's own log can list it) or only against the team.
 */
export const AUDIT_ACTION_INFO = {
  "project.created": { label: "Project created", scope: "project" },
  "project.renamed": { label: "Project renamed", scope: "project" },
  "project.deleted": { label: "Project deleted", scope: "project" },
  "secret.revealed": { label: "Signing secret revealed", scope: "project" },
  "secret.rotated": { label: "Signing secret rotated", scope: "project" },
  "secret.previous_expired": { label: "Previous signing secret expired", scope: "project" },
  "environment.created": { label: "Environment created", scope: "project" },
  "token_debugger.used": { label: "Token debugger run", scope: "project" },
  "reauth.confirmed": { label: "Password confirmed", scope: "project" },
  "reauth.failed": { label: "Password confirmation failed", scope: "project" },
  "step_up.confirmed": { label: "Second factor confirmed", scope: "project" },
  "step_up.failed": { label: "Second factor confirmation failed", scope: "project" },
  "team.created": { label: "Team created", scope: "team" },
  "team.renamed": { label: "Team renamed", scope: "team" },
  "team.deleted": { label: "Team deleted", scope: "team" },
  "team.development_reveal_changed": { label: "Development secret access changed", scope: "team" },
  "member.invited": { label: "Member invited", scope: "team" },
  "invitation.revoked": { label: "Invitation revoked", scope: "team" },
  "invitation.accepted": { label: "Invitation accepted", scope: "team" },
  "member.role_changed": { label: "Member's role changed", scope: "team" },
  "member.removed": { label: "Member removed", scope: "team" },
  "member.left": { label: "Member left the team", scope: "team" },
  "ownership.transferred": { label: "Ownership transferred", scope: "team" },
  "session.revoked": { label: "Signed out a session", scope: "team" },
  "sessions.revoked": { label: "Signed out everywhere", scope: "team" },
  "password.changed": { label: "Password changed", scope: "team" },
  "password.reset": { label: "Password reset by email link", scope: "team" },
  "second_factor.added": { label: "Second factor added", scope: "team" },
  "second_factor.removed": { label: "Second factor removed", scope: "team" },
  "recovery_codes.replaced": { label: "New recovery codes made", scope: "team" },
  "team.second_factor_requirement_changed": { label: "Second factor requirement changed", scope: "team" },
} as const satisfies Record<AuditAction, { label: string; scope: "project" | "team" }>;

export const TOKEN_DEBUGGER_ACTION = "token_debugger.used" satisfies AuditAction;

export function isAuditAction(value: string): value is AuditAction {
  return (AUDIT_ACTIONS as readonly string[]).includes(value);
}

/** The label; a code no longer in the list (an older row) is shown as stored rather than hidden. */
export function auditActionLabel(action: string): string {
  return isAuditAction(action) ? AUDIT_ACTION_INFO[action].label : action;
}

/** The actions a log of this scope can hold: a project's log never lists team-only ones. */
export function auditActionsFor(scope: "team" | "project"): AuditAction[] {
  return AUDIT_ACTIONS.filter((action) => scope === "team" || AUDIT_ACTION_INFO[action].scope === "project");
}
