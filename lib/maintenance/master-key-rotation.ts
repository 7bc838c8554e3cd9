import "server-only";
import { db } from "@/lib/db";
import { serverConfig } from "@/lib/config/server-config";
import { open, seal, sealedKeyId, type EncryptionKey } from "@/lib/crypto/secret-box";
import { identitySecretContext } from "@/lib/crypto/identity-secret-context";

/** The rotation would have to skip secrets it can't open: nothing was written. */
export class RotationRefused extends Error {
  override name = "RotationRefused";
}

export type RotationEvent =
  | { type: "checked"; live: number; byKeyId: Record<string, number>; toRotate: number }
  | { type: "progress"; done: number; total: number };

export type RotationSummary = {
  primaryKeyId: string;
  /** Rows re-encrypted to the primary key by this run. */
  rotated: number;
  /** Rows that were already under the primary key (an earlier or interrupted run, or new secrets). */
  alreadyPrimary: number;
  /** Rows the app retired or replaced between our read and our write; left exactly as the app wrote them. */
  changedMeanwhile: number;
  /** Live rows still under an older key after the run (written meanwhile by an instance still sealing with it). */
  remainingUnderOldKeys: number;
};

type Row = { id: string; projectId: string; environment: string; ciphertext: string };

const BATCH = 200;

/** Every row holding a ciphertext, in id order, a batch at a time (a large table is never loaded whole). */
async function* liveRows(): AsyncGenerator<Row> {
  let after: string | undefined;
  for (;;) {
    const batch = await db.identitySecret.findMany({
      where: { ciphertext: { not: null }, ...(after ? { id: { gt: after } } : {}) },
      select: { id: true, projectId: true, environment: true, ciphertext: true },
      orderBy: { id: "asc" },
      take: BATCH,
    });
    for (const row of batch) if (row.ciphertext) yield { id: row.id, projectId: row.projectId, environment: row.environment, ciphertext: row.ciphertext };
    if (batch.length < BATCH) return;
    after = batch[batch.length - 1]!.id;
  }
}

function tryOpen(row: Row, keys: readonly EncryptionKey[]): string | null {
  try {
    return open(row.ciphertext, identitySecretContext(row.projectId, row.environment), keys);
  } catch {
    return null;
  }
}

/** Pass 1, read-only: every live ciphertext must open with the configured keys, or nothing is written. */
async function checkEveryRowOpens(keys: readonly EncryptionKey[], primary: EncryptionKey) {
  const byKeyId: Record<string, number> = {};
  const unreadable: string[] = [];
  let live = 0;
  let toRotate = 0;
  for await (const row of liveRows()) {
    live += 1;
    const keyId = sealedKeyId(row.ciphertext) ?? "unreadable";
    byKeyId[keyId] = (byKeyId[keyId] ?? 0) + 1;
    if (tryOpen(row, keys) === null) unreadable.push(row.id);
    else if (keyId !== primary.id) toRotate += 1;
  }
  if (unreadable.length > 0) {
    const configured = keys.map((key) => key.id).join(", ");
    throw new RotationRefused(
      `${unreadable.length} of ${live} stored secrets can't be opened with the configured keys (key id ${configured}; ` +
        `e.g. IdentitySecret ${unreadable.slice(0, 3).join(", ")}). Add the key they were sealed with to REQIO_ENCRYPTION_KEYS_OLD ` +
        `(or restore REQIO_ENCRYPTION_KEY) and run again. Nothing was written.`,
    );
  }
  return { live, byKeyId, toRotate };
}

/**
 * Re-encrypts every live IdentitySecret ciphertext under the primary key, one row per conditional
 * update (`where: { id, ciphertext: <what we read> }`): a row the app rotated or retired meanwhile
 * is left as the app wrote it. Rows already under the primary key are skipped, so a second run, or
 * a rerun after a crash, only finishes what is left. Until it completes, the app keeps opening
 * every row because it holds the old keys too.
 */
export async function rotateMasterKey(hooks: {
  onEvent?: (event: RotationEvent) => void;
  /** Called after each row's update (tests use it to simulate a crash or a concurrent app write part-way). */
  afterRow?: (rotatedSoFar: number) => void | Promise<void>;
} = {}): Promise<RotationSummary> {
  const keys = serverConfig().encryptionKeys;
  const primary = keys[0];
  if (!primary) throw new Error("no encryption key configured");

  const checked = await checkEveryRowOpens(keys, primary);
  hooks.onEvent?.({ type: "checked", ...checked });

  const summary: RotationSummary = { primaryKeyId: primary.id, rotated: 0, alreadyPrimary: 0, changedMeanwhile: 0, remainingUnderOldKeys: 0 };
  const reportEvery = Math.max(1, Math.min(100, Math.ceil(checked.toRotate / 10)));
  let done = 0;
  for await (const row of liveRows()) {
    if (sealedKeyId(row.ciphertext) === primary.id) {
      summary.alreadyPrimary += 1;
      continue;
    }
    const context = identitySecretContext(row.projectId, row.environment);
    const plaintext = tryOpen(row, keys);
    // Written after the check by an instance with a key we don't have: leave it; counted as remaining below.
    if (plaintext === null) continue;
    const resealed = seal(plaintext, context, primary);
    if (open(resealed, context, [primary]) !== plaintext) throw new Error("re-encrypted value did not round-trip; nothing more written");
    const { count } = await db.identitySecret.updateMany({
      where: { id: row.id, ciphertext: row.ciphertext },
      data: { ciphertext: resealed },
    });
    if (count === 1) summary.rotated += 1;
    else summary.changedMeanwhile += 1;
    done += 1;
    if (done % reportEvery === 0 || done === checked.toRotate) hooks.onEvent?.({ type: "progress", done, total: checked.toRotate });
    await hooks.afterRow?.(summary.rotated);
  }

  for await (const row of liveRows()) if (sealedKeyId(row.ciphertext) !== primary.id) summary.remainingUnderOldKeys += 1;
  return summary;
}
