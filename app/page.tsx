import Link from "next/link";
import { redirect } from "next/navigation";
import { requireUser } from "@/lib/auth/session";
import { listUserTeams } from "@/lib/teams/teams";

/** Home is the first team the user belongs to. */
export default async function HomePage() {
  const user = await requireUser();
  const [team] = await listUserTeams(user.id);
  if (team) redirect(`/teams/${team.id}`);
  return (
    <main className="mx-auto max-w-md px-4 py-24 text-center">
      <h1 className="text-2xl font-semibold">You&apos;re not in a team</h1>
      <p className="mt-2 text-muted">Ask a team owner to invite you, or start your own.</p>
      <Link href="/teams/new" className="mt-4 inline-block font-medium text-link underline">Create a team</Link>
    </main>
  );
}
