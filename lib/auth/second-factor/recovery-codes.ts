import "server-only";
import { createHash, randomInt } from "node:crypto";
import { db, type DbTransaction } from "@/lib/db";

// Ten codes, shown once; each works once. 16 characters from 32 unambiguous ones is 80 bits, so a plain
// SHA-256 (looked up by a unique index, like link tokens) can't be searched backwards from a leaked table.
export const RECOVERY_CODE_COUNT = 10;
const ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"; // no 0/o, 1/l/i: read off paper without doubt
const GROUPS = 4;
const GROUP_LENGTH = 4;

function generateCode(): string {
  const groups: string[] = [];
  for (let g = 0; g < GROUPS; g += 1) {
    let group = "";
    for (let i = 0; i < GROUP_LENGTH; i += 1) group += ALPHABET[randomInt(ALPHABET.length)];
    groups.push(group);
  }
  return groups.join("-");
}

/** Case, spaces and dashes don't matter when a code is typed back. */
export function normalizeRecoveryCode(code: string): string {
  return code.toLowerCase().replace(/[\s-]/g, "");
}

export function looksLikeRecoveryCode(code: string): boolean {
  return new RegExp(`^[${ALPHABET}]{${GROUPS * GROUP_LENGTH}}$`).test(normalizeRecoveryCode(code));
}

const hashCode = (code: string) => createHash("sha256").update(`reqio:recovery-code:${normalizeRecoveryCode(code)}`, "utf8").digest("hex");

/** Replaces every code the user had with a fresh set; returns them for the one time they are shown. */
export async function replaceRecoveryCodes(tx: DbTransaction, userId: string): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, generateCode);
  await tx.recoveryCode.deleteMany({ where: { userId } });
  await tx.recoveryCode.createMany({ data: codes.map((code) => ({ userId, codeHash: hashCode(code) })) });
  return codes;
}

/** Spends one unused code (one conditional update, so two requests can't both spend it); false if none matched. */
export async function spendRecoveryCode(userId: string, code: string, now = new Date()): Promise<boolean> {
  if (!looksLikeRecoveryCode(code)) return false;
  const { count } = await db.recoveryCode.updateMany({ where: { userId, codeHash: hashCode(code), usedAt: null }, data: { usedAt: now } });
  return count === 1;
}

export async function unusedRecoveryCodeCount(userId: string): Promise<number> {
  return db.recoveryCode.count({ where: { userId, usedAt: null } });
}
