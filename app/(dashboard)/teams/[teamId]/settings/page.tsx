import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireUser } from "@/lib/auth/session";
import { findTeamAccess } from "@/lib/auth/access";
import { can } from "@/lib/auth/policy";
import { TEAM_NAME_MAX } from "@/lib/teams/team-name";
import { Breadcrumbs } from "@/components/dashboard/breadcrumbs";
import { Card } from "@/components/ui/card";
import { TeamNameForm } from "@/components/teams/team-name-form";
import { renameTeamAction } from "./actions";

export const metadata: Metadata = { title: "Team settings" };

export default async function TeamSettingsPage({ params }: { params: Promise<{ teamId: string }> }) {
  const { teamId } = await params;
  const user = await requireUser();
  const access = await findTeamAccess(user.id, teamId);
  if (!access || !can(access.role, "team:rename")) notFound();

  return (
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
    </div>
  );
}
