"use client";
import { useId } from "react";
import { useRouter } from "next/navigation";

/** A native select: keyboard and screen-reader friendly without extra code. */
export function TeamSwitcher({ teams, currentTeamId }: { teams: { id: string; name: string }[]; currentTeamId: string }) {
  const router = useRouter();
  // Unique per copy: the sidebar is in the page and, while the drawer is open, in the drawer too.
  const id = useId();
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-xs font-medium tracking-wide text-muted uppercase">Team</label>
      <select
        id={id}
        value={currentTeamId}
        onChange={(event) => router.push(`/teams/${event.target.value}`)}
        className="min-h-9 w-full rounded-md border border-border-input bg-surface px-2 py-1.5 text-sm"
      >
        {teams.map((team) => (
          <option key={team.id} value={team.id}>{team.name}</option>
        ))}
      </select>
    </div>
  );
}
