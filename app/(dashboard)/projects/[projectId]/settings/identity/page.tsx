import type { Metadata } from "next";
import { cookies } from "next/headers";
import { requireProjectPage } from "@/lib/authz/page-access";
import { can, canInEnvironment } from "@/lib/authz/policy";
import { environmentFromParam, ENV_FILE, ENVIRONMENT_LABELS } from "@/lib/identity/environments";
import { secretAbilities } from "@/lib/identity/secret-permission-note";
import { hasSecondFactor } from "@/lib/auth/second-factor/user-factors";
import { EnvironmentProvider } from "@/components/identity/environment-context";
import { EnvironmentSwitcher } from "@/components/identity/environment-switcher";
import { maskSecret } from "@/lib/identity/secret";
import { currentSecretChange, highlightedSnippets } from "@/lib/identity/identity-page-data";
import { STACK_CHOICE_COOKIE } from "@/lib/identity/snippets/stack-choice";
import { projectAudience } from "@/lib/identity/audience";
import { formatRelativeTime } from "@/lib/format-time";
import { ProjectSettingsBreadcrumbs } from "@/components/projects/project-settings-breadcrumbs";
import { ProjectSettingsNav } from "@/components/projects/project-settings-nav";
import { Card } from "@/components/ui/card";
import { InPageNav } from "@/components/ui/in-page-nav";
import { CopyButton } from "@/components/ui/copy-button";
import { RevealedSecretProvider } from "@/components/identity/revealed-secret";
import { SecretPanel } from "@/components/identity/secret-panel";
import { StackSnippets } from "@/components/identity/stack-snippets";
import { LiveIntegrationStatus, LiveStatusProvider } from "@/components/identity/live-status";
import { TokenDebugger } from "@/components/identity/token-debugger";
import { identityPageStatus } from "@/lib/identity/integration-status";
import { SecurityNote, TraitsReference } from "@/components/identity/traits-reference";
import { StepUp } from "@/components/step-up/step-up";
import { LivePreviousSecret } from "@/components/identity/previous-secret-panel";
import { SecretAge } from "@/components/identity/secret-age";
import { serverConfig } from "@/lib/config/server-config";
import {
  debugIdentityTokenAction,
  expirePreviousSecretAction,
  generateTestTokenAction,
  revealIdentitySecretAction,
  rotateIdentitySecretAction,
} from "./actions";

/** What members see in the .env snippet instead of the masked secret. */
const MEMBER_PLACEHOLDER = "<ask an owner or admin of this team for the secret>";

export const metadata: Metadata = { title: "Identity" };

// The secret itself is never rendered here: it reaches the browser only through the reveal/rotate actions.
// A GET writes nothing: a previous secret past its expiresAt is already absent from the live status
// (and refused by the verifier); the expiry sweep deletes its ciphertext and writes the audit event.
export default async function IdentitySettingsPage({ params, searchParams }: {
  params: Promise<{ projectId: string }>;
  searchParams: Promise<{ env?: string | string[] }>;
}) {
  const { project, team, role, user } = await requireProjectPage(params);
  const environment = environmentFromParam((await searchParams).env);
  const now = new Date();
  const { current: secret, live } = await identityPageStatus(project.id, environment, now);
  if (!secret) throw new Error(`project has no current ${environment} secret`);
  const lastChange = await currentSecretChange(project.id, secret);
  const masked = maskSecret(secret.last4, environment);
  // Only a team that requires a second factor costs the lookup.
  const abilities = secretAbilities(role, environment, team, team.requireSecondFactor && (await hasSecondFactor(user.id)));
  const canReveal = canInEnvironment(role, "secret:reveal", environment, team);
  const chosenStack = (await cookies()).get(STACK_CHOICE_COOKIE)?.value;
  const snippets = await highlightedSnippets(project.id, environment, canReveal ? masked : MEMBER_PLACEHOLDER, chosenStack);
  const audience = projectAudience(project.id);
  const label = ENVIRONMENT_LABELS[environment];

  return (
    <EnvironmentProvider key={environment} environment={environment}>
    <RevealedSecretProvider>
      <StepUp userId={user.id} place={{ projectId: project.id }}>
      <LiveStatusProvider key={project.id} projectId={project.id} initial={live}>
      <ProjectSettingsBreadcrumbs team={team} project={project} page="Identity" />
      <div>
        <h1 className="text-2xl font-semibold">Identity verification</h1>
        <p className="mt-1 text-sm text-muted">
          Your server signs a short-lived HS256 token for each signed-in user; the Reqio widget sends it to us and we verify it with this
          project&apos;s secret.
        </p>
      </div>
      <ProjectSettingsNav projectId={project.id} showAuditLog={can(role, "audit:view")} />
      <div className="flex flex-col gap-2 sm:flex-row sm:items-center sm:gap-4">
        <EnvironmentSwitcher projectId={project.id} current={environment} />
        <p className="text-sm text-muted" data-testid="environment-note">
          {environment === "development"
            ? "For your developers' machines: its own secret (rqio_sk_dev_…), kept in .env.local, and its users never count in Production."
            : "What your live servers sign with. Development has its own secret, so no laptop needs this one."}
        </p>
      </div>
      <InPageNav
        links={[
          { href: "#secret-title", label: "Signing secret" },
          { href: "#snippets-title", label: "Snippets" },
          { href: "#status-title", label: "Integration status" },
          { href: "#debugger-title", label: "Token debugger" },
          { href: "#reference-title", label: "Claims and traits" },
        ]}
      />

      <Card id="project" title="Project">
        <dl className="grid gap-3 text-sm sm:grid-cols-[max-content_1fr] sm:gap-x-6">
          <dt className="font-medium text-muted">Project ID</dt>
          <dd className="flex flex-wrap items-center gap-2">
            <code data-testid="project-id" className="break-all">{project.id}</code>
            <CopyButton text={project.id} ariaLabel="Copy project ID" className="min-h-8 py-1" />
          </dd>
          <dt className="font-medium text-muted">Token audience (aud)</dt>
          <dd className="flex flex-wrap items-center gap-2">
            <code data-testid="audience" className="break-all">{audience}</code>
            <CopyButton text={audience} ariaLabel="Copy audience" className="min-h-8 py-1" />
          </dd>
        </dl>
      </Card>

      <Card
        id="secret"
        title="Signing secret"
        description={`The HMAC key (HS256) for this project's ${environment} tokens. Server-side only: put it in ${ENV_FILE[environment]}.`}
      >
        <SecretPanel
          projectId={project.id}
          secretId={secret.id}
          maskedSecret={masked}
          canReveal={abilities.canReveal}
          canRotate={abilities.canRotate}
          permissionNote={abilities.note}
          revealAction={revealIdentitySecretAction}
          rotateAction={rotateIdentitySecretAction}
        />
        <LivePreviousSecret projectId={project.id} projectName={project.name} canExpire={abilities.canExpire} expireAction={expirePreviousSecretAction} />
        <SecretAge createdAt={secret.createdAt} now={now} reminderDays={serverConfig().rotationReminderDays} />
        {lastChange && (
          <p className="mt-3 text-sm text-muted" data-testid="secret-history">
            {lastChange.action === "secret.rotated" ? "Rotated" : lastChange.action === "environment.created" ? "Created for this environment" : "Created with the project"} by{" "}
            {lastChange.actorLabel},{" "}
            <time dateTime={lastChange.createdAt.toISOString()} title={lastChange.createdAt.toUTCString()}>
              {formatRelativeTime(lastChange.createdAt)}
            </time>
            {" "}· fingerprint <code>{secret.fingerprint}</code>
          </p>
        )}
      </Card>

      <Card id="snippets" title="Snippets" description="Pick your stack and copy its files: this project's ID and audience are already filled in.">
        <StackSnippets projectId={project.id} snippets={snippets} currentSecretId={secret.id} canReveal={canReveal} teamName={team.name} />
      </Card>

      <Card id="status" title="Integration status" description={`${label} tokens your servers sent through the widget in the last 24 hours. Updates live.`}>
        <LiveIntegrationStatus />
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
      </LiveStatusProvider>
      </StepUp>
    </RevealedSecretProvider>
    </EnvironmentProvider>
  );
}
