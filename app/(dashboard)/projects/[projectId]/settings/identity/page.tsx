import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireUser } from "@/lib/auth/session";
import { findProjectAccess } from "@/lib/auth/access";
import { can } from "@/lib/auth/policy";
import { latestSecretChange } from "@/lib/audit/audit-log";
import { currentSecretSummary } from "@/lib/identity/secret-store";
import { maskSecret } from "@/lib/identity/secret";
import { highlightedSnippets, projectAudience } from "@/lib/identity/identity-page-data";
import { formatRelativeTime } from "@/lib/format-time";
import { Breadcrumbs } from "@/components/dashboard/breadcrumbs";
import { ProjectSettingsNav } from "@/components/projects/project-settings-nav";
import { Card } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { RevealedSecretProvider } from "@/components/identity/revealed-secret";
import { SecretPanel } from "@/components/identity/secret-panel";
import { SnippetTabs } from "@/components/identity/snippet-tabs";
import { IntegrationStatusPanel } from "@/components/identity/integration-status";
import { AutoRefresh } from "@/components/identity/auto-refresh";
import { TokenDebugger } from "@/components/identity/token-debugger";
import { integrationStatus } from "@/lib/identity/integration-status";
import { SecurityNote, TraitsReference } from "@/components/identity/traits-reference";
import { ReauthProvider } from "@/components/identity/reauth";
import { PreviousSecretPanel } from "@/components/identity/previous-secret-panel";
import { SecretAge } from "@/components/identity/secret-age";
import { previousSecretStatus } from "@/lib/identity/previous-secret-status";
import { expireDueSecrets } from "@/lib/identity/secret-rotation";
import { serverConfig } from "@/lib/config/server-config";
import { formatDuration } from "@/lib/format-time";
import {
  confirmPasswordAction,
  debugIdentityTokenAction,
  expirePreviousSecretAction,
  generateTestTokenAction,
  hideIdentitySecretAction,
  revealIdentitySecretAction,
  rotateIdentitySecretAction,
} from "./actions";

/** What members see in the .env snippet instead of the masked secret. */
const MEMBER_PLACEHOLDER = "<ask an owner or admin of this team for the secret>";

export const metadata: Metadata = { title: "Identity" };

// The secret itself is never rendered here: it reaches the browser only through the reveal/rotate actions.
export default async function IdentitySettingsPage({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  const user = await requireUser();
  const access = await findProjectAccess(user.id, projectId);
  if (!access) notFound();
  const { project, team, role } = access;
  const now = new Date();
  // Check on read: a grace period that ended is expired now even if the periodic sweep hasn't run yet.
  await expireDueSecrets(now, project.id);
  const [secret, lastChange, status, previous] = await Promise.all([
    currentSecretSummary(project.id),
    latestSecretChange(project.id),
    integrationStatus(project.id),
    previousSecretStatus(project.id, now),
  ]);
  if (!secret) throw new Error("project has no current secret");
  const masked = maskSecret(secret.last4);
  const canReveal = can(role, "secret:reveal");
  const snippets = await highlightedSnippets(project.id, canReveal ? masked : MEMBER_PLACEHOLDER);
  const audience = projectAudience(project.id);

  return (
    <RevealedSecretProvider>
      <ReauthProvider projectId={project.id} confirmAction={confirmPasswordAction}>
      <Breadcrumbs
        items={[
          { label: team.name, href: `/teams/${team.id}` },
          { label: project.name, href: `/projects/${project.id}/settings/identity` },
          { label: "Settings", href: `/projects/${project.id}/settings` },
          { label: "Identity" },
        ]}
      />
      <ProjectSettingsNav projectId={project.id} showAuditLog={can(role, "audit:view")} />
      <div>
        <h1 className="text-2xl font-semibold">Identity verification</h1>
        <p className="mt-1 text-sm text-zinc-600">
          Your server signs a short-lived HS256 token for each signed-in user; the Reqio widget sends it to us and we verify it with this
          project&apos;s secret.
        </p>
      </div>

      <Card id="project" title="Project">
        <dl className="grid gap-3 text-sm sm:grid-cols-[max-content_1fr] sm:gap-x-6">
          <dt className="font-medium text-zinc-600">Project ID</dt>
          <dd className="flex flex-wrap items-center gap-2">
            <code data-testid="project-id" className="break-all">{project.id}</code>
            <CopyButton text={project.id} ariaLabel="Copy project ID" className="min-h-8 py-1" />
          </dd>
          <dt className="font-medium text-zinc-600">Token audience (aud)</dt>
          <dd className="flex flex-wrap items-center gap-2">
            <code data-testid="audience" className="break-all">{audience}</code>
            <CopyButton text={audience} ariaLabel="Copy audience" className="min-h-8 py-1" />
          </dd>
        </dl>
      </Card>

      <Card id="status" title="Integration status" description="Tokens your servers sent through the widget in the last 24 hours. Updates live.">
        <AutoRefresh everyMs={3000} />
        <IntegrationStatusPanel status={status} now={new Date()} />
      </Card>

      <Card
        id="secret"
        title="Signing secret"
        description="The HMAC key (HS256) for every token in this project. Server-side only."
      >
        <SecretPanel
          projectId={project.id}
          secretId={secret.id}
          maskedSecret={masked}
          livePreviousMasked={previous ? `••••${previous.last4}` : null}
          canReveal={canReveal}
          canRotate={can(role, "secret:rotate")}
          revealAction={revealIdentitySecretAction}
          hideAction={hideIdentitySecretAction}
          rotateAction={rotateIdentitySecretAction}
        />
        {previous && (
          <div className="mt-3">
            <PreviousSecretPanel
              projectId={project.id}
              canExpire={can(role, "secret:expire")}
              expireAction={expirePreviousSecretAction}
              previous={{
                id: previous.id,
                masked: `••••${previous.last4}`,
                stopsIn: formatDuration(previous.expiresAt.getTime() - now.getTime()),
                lastUsed: previous.lastUsedAt ? formatRelativeTime(previous.lastUsedAt, now) : "never since the rotation",
                tokensLastHour: previous.tokensLastHour,
                looksSafeToExpire: previous.looksSafeToExpire,
                newSecretInUse: previous.newSecretInUse,
              }}
            />
          </div>
        )}
        <SecretAge createdAt={secret.createdAt} now={now} reminderDays={serverConfig().rotationReminderDays} />
        {lastChange && (
          <p className="mt-3 text-sm text-zinc-600" data-testid="secret-history">
            {lastChange.action === "secret.rotated" ? "Rotated" : "Created with the project"} by {lastChange.actorLabel},{" "}
            <time dateTime={lastChange.createdAt.toISOString()} title={lastChange.createdAt.toUTCString()}>
              {formatRelativeTime(lastChange.createdAt)}
            </time>
            {" "}· fingerprint <code>{secret.fingerprint}</code>
          </p>
        )}
      </Card>

      <Card id="snippets" title="Snippets" description="Copy-paste ready: this project's ID and audience are already filled in.">
        <SnippetTabs snippets={snippets} currentSecretId={secret.id} />
      </Card>

      <Card id="debugger" title="Token debugger" description="Paste a token from your server to see exactly which checks pass.">
        <TokenDebugger projectId={project.id} debugAction={debugIdentityTokenAction} generateAction={generateTestTokenAction} />
      </Card>

      <Card id="reference" title="Token claims and traits">
        <TraitsReference />
      </Card>

      <Card id="security" title="Security">
        <SecurityNote />
      </Card>
      </ReauthProvider>
    </RevealedSecretProvider>
  );
}
