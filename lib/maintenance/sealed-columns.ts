import "server-only";
import { db } from "@/lib/db";
import { identitySecretContext, retiredSecretContext } from "@/lib/crypto/identity-secret-context";
import { totpSecretContext } from "@/lib/crypto/totp-secret-context";

/** Every kind of value sealed with the master key, in the order the rotation re-encrypts them. */
export const SEALED_KINDS = {
  identity: "signing secrets",
  retired: "retired signing secrets (diagnosis copies)",
  totp: "authenticator-app secrets",
} as const;
export type SealedKind = keyof typeof SEALED_KINDS;

/** One stored ciphertext and the context it was sealed under. */
export type SealedRow = { id: string; ciphertext: string; context: string };

export type SealedColumn = {
  kind: SealedKind;
  /** How a refusal names a row (its ID, never its value). */
  rowName: (id: string) => string;
  /** Up to `take` rows holding a ciphertext, with an ID above `after`, in ID order. */
  rowsAfter: (after: string | undefined, take: number) => Promise<SealedRow[]>;
  /** Writes `resealed` only if the row still holds what was read; false when the app changed it meanwhile. */
  replace: (row: SealedRow, resealed: string) => Promise<boolean>;
};

const above = (after: string | undefined) => (after ? { gt: after } : undefined);

export const SEALED_COLUMNS: readonly SealedColumn[] = [
  {
    kind: "identity",
    rowName: (id) => `IdentitySecret ${id}`,
    async rowsAfter(after, take) {
      const rows = await db.identitySecret.findMany({
        where: { ciphertext: { not: null }, id: above(after) },
        select: { id: true, projectId: true, environment: true, ciphertext: true },
        orderBy: { id: "asc" },
        take,
      });
      return rows.flatMap((row) => (row.ciphertext ? [{ id: row.id, ciphertext: row.ciphertext, context: identitySecretContext(row.projectId, row.environment) }] : []));
    },
    async replace(row, resealed) {
      const { count } = await db.identitySecret.updateMany({ where: { id: row.id, ciphertext: row.ciphertext }, data: { ciphertext: resealed } });
      return count === 1;
    },
  },
  {
    kind: "retired",
    rowName: (id) => `IdentitySecret ${id} (diagnosis copy)`,
    async rowsAfter(after, take) {
      const rows = await db.identitySecret.findMany({
        where: { diagnosisCiphertext: { not: null }, id: above(after) },
        select: { id: true, projectId: true, environment: true, diagnosisCiphertext: true },
        orderBy: { id: "asc" },
        take,
      });
      return rows.flatMap((row) => (row.diagnosisCiphertext ? [{ id: row.id, ciphertext: row.diagnosisCiphertext, context: retiredSecretContext(row.projectId, row.environment) }] : []));
    },
    async replace(row, resealed) {
      // A copy the expiry sweep purged meanwhile stays purged.
      const { count } = await db.identitySecret.updateMany({ where: { id: row.id, diagnosisCiphertext: row.ciphertext }, data: { diagnosisCiphertext: resealed } });
      return count === 1;
    },
  },
  {
    kind: "totp",
    rowName: (id) => `TotpFactor of user ${id}`,
    async rowsAfter(after, take) {
      const rows = await db.totpFactor.findMany({ where: { userId: above(after) }, select: { userId: true, sealedSecret: true }, orderBy: { userId: "asc" }, take });
      return rows.map((row) => ({ id: row.userId, ciphertext: row.sealedSecret, context: totpSecretContext(row.userId) }));
    },
    async replace(row, resealed) {
      // A user who removed or re-enrolled their app meanwhile keeps what the app wrote.
      const { count } = await db.totpFactor.updateMany({ where: { userId: row.id, sealedSecret: row.ciphertext }, data: { sealedSecret: resealed } });
      return count === 1;
    },
  },
];
