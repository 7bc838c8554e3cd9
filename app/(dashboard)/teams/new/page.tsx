import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/session";
import { TEAM_NAME_MAX } from "@/lib/teams/team-name";
import { Card } from "@/components/ui/card";
import { TeamNameForm } from "@/components/teams/team-name-form";
import { createTeamAction } from "./actions";

export const metadata: Metadata = { title: "New team" };

export default async function NewTeamPage() {
  await requireUser();
  return (
    <main id="main" className="px-4 py-6 sm:px-8">
      <div className="mx-auto flex max-w-xl flex-col gap-6">
        <h1 className="text-2xl font-semibold">New team</h1>
        <Card id="new-team" title="Name your team" description="You'll be its owner; invite others from its Members page.">
          <TeamNameForm action={createTeamAction} maxLength={TEAM_NAME_MAX} submitLabel="Create team" pendingLabel="Creating…" />
        </Card>
      </div>
    </main>
  );
}
