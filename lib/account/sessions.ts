import "server-only";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/audit/audit-log";
import { bumpSessionVersion } from "@/lib/auth/session-version";
import { recordAccountEvent } from "@/lib/account/account-audit";

/** "Sign out of all sessions": every session of this user, this one included, ends at its next request. */
export async function signOutEverywhere(actor: Actor): Promise<void> {
  await db.$transaction(async (tx) => {
    await bumpSessionVersion(tx, actor.id);
    await recordAccountEvent(tx, actor, "sessions.revoked");
  });
}
