import "server-only";
import { db } from "@/lib/db";
import { parseRole } from "@/lib/auth/roles";

export async function listUserTeams(userId: string) {
  const memberships = await db.membership.findMany({
    where: { userId },
    orderBy: { createdAt: "asc" },
    select: { role: true, team: { select: { id: true, name: true } } },
  });
  return memberships.map((m) => ({ ...m.team, role: parseRole(m.role) }));
}
