// What the master-key tests inspect, read straight from the database (bypassing lib/): every value sealed with
// the master key (signing secrets, their retired diagnosis copies, authenticator-app secrets), and which key sealed it.
import * as OTPAuth from "otpauth";
import type { RawSql } from "./raw-sql";

export type IdentityRow = { id: string; projectId: string; environment: string; ciphertext: string | null; diagnosisCiphertext: string | null };
export type TotpRow = { userId: string; sealedSecret: string; lastUsedStep: number };

export const identityRows = (raw: RawSql) =>
  raw.all<IdentityRow>(`SELECT "id", "projectId", "environment", "ciphertext", "diagnosisCiphertext" FROM "IdentitySecret" ORDER BY "id"`);
export const totpRows = (raw: RawSql) => raw.all<TotpRow>(`SELECT "userId", "sealedSecret", "lastUsedStep" FROM "TotpFactor" ORDER BY "userId"`);

/** Every sealed value as stored: a run that must write nothing leaves this exactly as it was. */
export async function sealedSnapshot(raw: RawSql) {
  return { identity: await identityRows(raw), totp: await totpRows(raw) };
}

function perKeyId(values: Array<string | null>): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) if (value) counts[value.split(".")[1]!] = (counts[value.split(".")[1]!] ?? 0) + 1;
  return counts;
}

/** How many values of each kind each key ID sealed. */
export async function tally(raw: RawSql) {
  const identity = await identityRows(raw);
  return {
    identity: perKeyId(identity.map((row) => row.ciphertext)),
    retired: perKeyId(identity.map((row) => row.diagnosisCiphertext)),
    totp: perKeyId((await totpRows(raw)).map((row) => row.sealedSecret)),
  };
}

/** The code an authenticator app holding `secret` shows now (the app's defaults: SHA-1, 6 digits, 30 s). */
export const codeNow = (secret: string) => new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret) }).generate();
