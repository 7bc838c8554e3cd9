import Link from "next/link";
import { AUDIT_ACTION_INFO, auditActionsFor } from "@/lib/audit/audit-actions";
import type { AuditLogScope, ParsedAuditFilter } from "@/lib/audit/audit-filter";
import type { AuditProject } from "@/lib/audit/audit-query";
import { buttonClasses } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select-field";

/** A plain GET form, so a filtered log is a link to share; each bad value gets its message under its field. */
export function AuditFilterForm({ basePath, scope, parsed, actors, projects }: {
  basePath: string;
  scope: AuditLogScope;
  parsed: ParsedAuditFilter;
  actors: string[];
  projects: AuditProject[];
}) {
  const { input, errors, filter } = parsed;
  const actions = auditActionsFor(scope).map((action) => ({ value: action, label: AUDIT_ACTION_INFO[action].label }));
  return (
    <form method="get" action={basePath} aria-label="Filter the audit log" className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
      <SelectField label="Action" name="action" defaultValue={filter.action ?? ""} error={errors.action} options={[{ value: "", label: "All actions" }, ...actions]} />
      {scope === "team" && (
        <SelectField
          label="Project"
          name="project"
          defaultValue={filter.project ?? ""}
          error={errors.project}
          options={[{ value: "", label: "All projects and team events" }, ...projects.map((project) => ({ value: project.id, label: project.deleted ? `${project.name} (deleted)` : project.name }))]}
        />
      )}
      <Field label="Actor" name="actor" list="audit-actors" defaultValue={input.actor ?? ""} placeholder="e-mail address" error={errors.actor} />
      <datalist id="audit-actors">{actors.map((actor) => <option key={actor} value={actor} />)}</datalist>
      <Field label="From" name="from" type="date" defaultValue={input.from ?? ""} error={errors.from} />
      <Field label="To" name="to" type="date" defaultValue={input.to ?? ""} error={errors.to} />
      {filter.debuggerRuns === "show" && <input type="hidden" name="debugger" value="show" />}
      {errors.debugger && <p role="alert" className="text-sm text-danger">{errors.debugger}</p>}
      <div className="flex items-end gap-2">
        <button type="submit" className={buttonClasses("primary")}>Filter</button>
        <Link href={basePath} className={buttonClasses("ghost")}>Clear</Link>
      </div>
    </form>
  );
}
