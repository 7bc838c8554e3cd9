import type { Metadata } from "next";
import { requireTeamPage } from "@/lib/authz/page-access";
import { can } from "@/lib/authz/policy";
import { TEAM_NAME_MAX } from "@/lib/teams/team-name";
import { Breadcrumbs } from "@/components/dashboard/breadcrumbs";
import { Card } from "@/components/ui/card";
import { TeamNameForm } from "@/components/teams/team-name-form";
import { DevelopmentAccessForm } from "@/components/teams/development-access-form";
import { SecondFactorRequirementForm } from "@/components/teams/second-factor-requirement-form";
import { DeleteTeamDialog } from "@/components/teams/delete-team-dialog";
import { StepUp } from "@/components/step-up/step-up";
import { deleteTeamAction, renameTeamAction, setDevelopmentSecretAccessAction, setSecondFactorRequirementAction } from "./actions";

export const metadata: Metadata = { title: "Team settings" };

export default async function TeamSettingsPage({ params }: { params: Promise<{ teamId: string }> }) {
  const access = await requireTeamPage(params, "team:rename");
  const teamId = access.team.id;

  return (
    <StepUp userId={access.user.id} place={{ teamId }}>
    <div className="mx-auto flex max-w-3xl flex-col gap-6">
      <Breadcrumbs items={[{ label: access.team.name, href: `/teams/${teamId}` }, { label: "Settings" }]} />
      <h1 className="text-2xl font-semibold">Team settings</h1>
      <Card id="team-name" title="Name">
        <TeamNameForm
          action={renameTeamAction}
          teamId={teamId}
          currentName={access.team.name}
          maxLength={TEAM_NAME_MAX}
          submitLabel="Rename"
          pendingLabel="Saving…"
        />
      </Card>
      <Card id="development-access" title="Development secrets" description="Each project has a Development environment with its own secret, for your developers' machines.">
        {can(access.role, "team:development-access") ? (
          <DevelopmentAccessForm teamId={teamId} allowed={access.team.membersRevealDevelopmentSecret} action={setDevelopmentSecretAccessAction} />
        ) : (
          <p className="text-sm text-text-soft" data-testid="development-access-state">
            {access.team.membersRevealDevelopmentSecret ? "Members may reveal development secrets." : "Only owners and admins may reveal development secrets."} Only an owner can change this.
          </p>
        )}
      </Card>
      <Card id="second-factor" title="Second factor" description="Signing secrets let anyone sign in as any of your customers' users.">
        {can(access.role, "team:second-factor-requirement") ? (
          <SecondFactorRequirementForm teamId={teamId} required={access.team.requireSecondFactor} action={setSecondFactorRequirementAction} />
        ) : (
          <p className="text-sm text-text-soft" data-testid="second-factor-state">
            {access.team.requireSecondFactor
              ? "Revealing, rotating and expiring secrets need a second factor."
              : "Anyone whose role allows it may reveal, rotate or expire secrets."}{" "}
            Only an owner can change this.
          </p>
        )}
      </Card>
      {can(access.role, "team:delete") && (
        <Card id="danger" title="Delete team" description="Deletes every project and signing secret in this team and removes all members." className="border-danger-border">
          <DeleteTeamDialog action={deleteTeamAction} teamId={teamId} teamName={access.team.name} />
        </Card>
      )}
    </div>
    </StepUp>
  );
}
