import "server-only";
import { serverConfig } from "@/lib/config/server-config";
import { open, seal, sealedKeyId, type EncryptionKey } from "@/lib/crypto/secret-box";
import { SEALED_COLUMNS, SEALED_KINDS, type SealedColumn, type SealedKind, type SealedRow } from "@/lib/maintenance/sealed-columns";

/** The rotation would have to skip secrets it can't open: nothing was written. */
export class RotationRefused extends Error {
  override name = "RotationRefused";
}

export type KindTally = { live: number; byKeyId: Record<string, number> };

export type RotationEvent =
  | { type: "checked"; live: number; toRotate: number; byKind: Record<SealedKind, KindTally> }
  | { type: "progress"; done: number; total: number };

export type RotationCounts = {
  /** Rows re-encrypted to the primary key by this run. */
  rotated: number;
  /** Rows that were already under the primary key (an earlier or interrupted run, or new secrets). */
  alreadyPrimary: number;
  /** Rows the app changed or removed between our read and our write; left exactly as the app wrote them. */
  changedMeanwhile: number;
  /** Rows still under an older key after the run (written meanwhile by an instance still sealing with it). */
  remainingUnderOldKeys: number;
};

/** Totals over every kind, and the same counts per kind. */
export type RotationSummary = RotationCounts & { primaryKeyId: string; byKind: Record<SealedKind, RotationCounts> };

const BATCH = 200;
const KINDS = Object.keys(SEALED_KINDS) as SealedKind[];

const perKind = <T>(make: () => T) => Object.fromEntries(KINDS.map((kind) => [kind, make()])) as Record<SealedKind, T>;
const noCounts = (): RotationCounts => ({ rotated: 0, alreadyPrimary: 0, changedMeanwhile: 0, remainingUnderOldKeys: 0 });

/** A column's rows in ID order, a batch at a time (a large table is never loaded whole). */
async function* rowsOf(column: SealedColumn): AsyncGenerator<SealedRow> {
  let after: string | undefined;
  for (;;) {
    const batch = await column.rowsAfter(after, BATCH);
    yield* batch;
    if (batch.length < BATCH) return;
    after = batch[batch.length - 1]!.id;
  }
}

function tryOpen(row: SealedRow, keys: readonly EncryptionKey[]): string | null {
  try {
    return open(row.ciphertext, row.context, keys);
  } catch {
    return null;
  }
}

/** Pass 1, read-only: every stored ciphertext, of every kind, must open with the configured keys, or nothing is written. */
async function checkEveryRowOpens(keys: readonly EncryptionKey[], primary: EncryptionKey) {
  const byKind = perKind<KindTally>(() => ({ live: 0, byKeyId: {} }));
  const unreadable: Array<{ column: SealedColumn; ids: string[] }> = [];
  let live = 0;
  let toRotate = 0;
  for (const column of SEALED_COLUMNS) {
    const tally = byKind[column.kind];
    const ids: string[] = [];
    for await (const row of rowsOf(column)) {
      tally.live += 1;
      const keyId = sealedKeyId(row.ciphertext) ?? "unreadable";
      tally.byKeyId[keyId] = (tally.byKeyId[keyId] ?? 0) + 1;
      if (tryOpen(row, keys) === null) ids.push(row.id);
      else if (keyId !== primary.id) toRotate += 1;
    }
    live += tally.live;
    if (ids.length > 0) unreadable.push({ column, ids });
  }
  if (unreadable.length > 0) {
    const count = unreadable.reduce((sum, { ids }) => sum + ids.length, 0);
    const which = unreadable.map(({ column, ids }) => `${ids.length} ${SEALED_KINDS[column.kind]}, e.g. ${ids.slice(0, 3).map(column.rowName).join(", ")}`);
    throw new RotationRefused(
      `${count} of ${live} stored secrets can't be opened with the configured keys (key id ${keys.map((key) => key.id).join(", ")}; ` +
        `${which.join("; ")}). Add the key they were sealed with to REQIO_ENCRYPTION_KEYS_OLD ` +
        `(or restore REQIO_ENCRYPTION_KEY) and run again. Nothing was written.`,
    );
  }
  return { live, toRotate, byKind };
}

/**
 * Re-encrypts every value sealed with the master key (lib/maintenance/sealed-columns.ts: signing secrets,
 * their retired diagnosis copies, authenticator-app secrets) under the primary key, one row per conditional
 * update (`where: { id, <column>: <what we read> }`): a row the app rotated, retired or re-enrolled
 * meanwhile is left as the app wrote it. Rows already under the primary key are skipped, so a second run,
 * or a rerun after a crash, only finishes what is left. Until it completes, the app keeps opening every
 * row because it holds the old keys too.
 */
export async function rotateMasterKey(hooks: {
  onEvent?: (event: RotationEvent) => void;
  /** Called after each row's update (tests use it to simulate a crash or a concurrent app write part-way). */
  afterRow?: (progress: { kind: SealedKind; rotatedSoFar: number }) => void | Promise<void>;
} = {}): Promise<RotationSummary> {
  const keys = serverConfig().encryptionKeys;
  const primary = keys[0];
  if (!primary) throw new Error("no encryption key configured");

  const checked = await checkEveryRowOpens(keys, primary);
  hooks.onEvent?.({ type: "checked", ...checked });

  const summary: RotationSummary = { primaryKeyId: primary.id, ...noCounts(), byKind: perKind(noCounts) };
  const reportEvery = Math.max(1, Math.min(100, Math.ceil(checked.toRotate / 10)));
  let done = 0;
  let rotatedSoFar = 0;
  for (const column of SEALED_COLUMNS) {
    const counts = summary.byKind[column.kind];
    for await (const row of rowsOf(column)) {
      if (sealedKeyId(row.ciphertext) === primary.id) {
        counts.alreadyPrimary += 1;
        continue;
      }
      const plaintext = tryOpen(row, keys);
      // Written after the check by an instance with a key we don't have: leave it; counted as remaining below.
      if (plaintext === null) continue;
      const resealed = seal(plaintext, row.context, primary);
      if (open(resealed, row.context, [primary]) !== plaintext) throw new Error("re-encrypted value did not round-trip; nothing more written");
      if (await column.replace(row, resealed)) {
        counts.rotated += 1;
        rotatedSoFar += 1;
      } else counts.changedMeanwhile += 1;
      done += 1;
      if (done % reportEvery === 0 || done === checked.toRotate) hooks.onEvent?.({ type: "progress", done, total: checked.toRotate });
      await hooks.afterRow?.({ kind: column.kind, rotatedSoFar });
    }
  }

  for (const column of SEALED_COLUMNS) {
    for await (const row of rowsOf(column)) if (sealedKeyId(row.ciphertext) !== primary.id) summary.byKind[column.kind].remainingUnderOldKeys += 1;
  }
  for (const field of ["rotated", "alreadyPrimary", "changedMeanwhile", "remainingUnderOldKeys"] as const) {
    summary[field] = KINDS.reduce((sum, kind) => sum + summary.byKind[kind][field], 0);
  }
  return summary;
}
