import "server-only";
import { db, type DbTransaction } from "@/lib/db";
import { perRequest } from "@/lib/http/request-memo";
import type { Factor } from "@/lib/auth/second-factor/factors";

/** The strongest factor the user has (passkey, then authenticator app, then password): what step-up asks for. */
export const strongestFactor = perRequest(async function strongestFactor(userId: string): Promise<Factor> {
  const [passkeys, totp] = await Promise.all([
    db.passkey.count({ where: { userId } }),
    db.totpFactor.findFirst({ where: { userId, confirmedAt: { not: null } }, select: { userId: true } }),
  ]);
  if (passkeys > 0) return "passkey";
  return totp ? "totp" : "password";
});

export async function hasSecondFactor(userId: string): Promise<boolean> {
  return (await strongestFactor(userId)) !== "password";
}

/** Recovery codes stand in for a second factor: once the last one is removed, they go too. */
export async function dropRecoveryCodesIfNoSecondFactor(tx: DbTransaction, userId: string): Promise<void> {
  const [passkeys, totp] = await Promise.all([
    tx.passkey.count({ where: { userId } }),
    tx.totpFactor.count({ where: { userId, confirmedAt: { not: null } } }),
  ]);
  if (passkeys === 0 && totp === 0) await tx.recoveryCode.deleteMany({ where: { userId } });
}
