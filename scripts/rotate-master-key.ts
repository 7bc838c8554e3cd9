// `npm run rotate-master-key`: re-encrypts every stored secret (signing secrets, their retired diagnosis
// copies, authenticator-app secrets) under REQIO_ENCRYPTION_KEY,
// opening each with whichever configured key sealed it (REQIO_ENCRYPTION_KEYS_OLD). Safe to run while
// the app serves, safe to interrupt, safe to repeat. Prints counts and key IDs, never a secret.
import { ConfigError } from "@/lib/config/errors";
import { OLD_KEYS_VARIABLE } from "@/lib/config/encryption-key";
import { serverConfig } from "@/lib/config/server-config";
import { describeError } from "@/lib/log";
import type { SealedKind } from "@/lib/maintenance/sealed-columns";

// Testing only: SIGKILL ourselves after N committed rows, to show an interrupted run loses nothing.
const stopAfter = Number(process.env.REQIO_ROTATE_STOP_AFTER) || 0;

function refuse(message: string): never {
  console.error(`Master-key rotation refused: ${message}`);
  process.exit(1);
}

let config: ReturnType<typeof serverConfig>;
try {
  config = serverConfig(); // refuses a wrong key before anything else happens
} catch (error) {
  if (error instanceof ConfigError) refuse(error.message);
  throw error;
}
const [primary, ...older] = config.encryptionKeys;
console.log(
  `Primary key ${primary!.id}; ${older.length} older key(s) configured${older.length ? ` (${older.map((key) => key.id).join(", ")})` : ""}. ` +
    `Every running instance must already hold key ${primary!.id}, or it can't open what this re-encrypts.`,
);

// Imported after the configuration check so a wrong key is reported as such, not as a Prisma error.
const { checkDatabaseReady } = await import("@/lib/health/startup-check");
try {
  await checkDatabaseReady(); // reachable, migrated, and (PostgreSQL) the keys open what is stored
} catch (error) {
  if (error instanceof ConfigError) refuse(error.message);
  throw error;
}
const { rotateMasterKey, RotationRefused } = await import("@/lib/maintenance/master-key-rotation");
const { SEALED_KINDS } = await import("@/lib/maintenance/sealed-columns");
const { db } = await import("@/lib/db");

/** One indented line per kind of secret, e.g. "  authenticator-app secrets: 3 under 1a2b3c4d". */
function perKind<T>(byKind: Record<SealedKind, T>, describe: (value: T) => string) {
  for (const [kind, label] of Object.entries(SEALED_KINDS)) console.log(`  ${label}: ${describe(byKind[kind as SealedKind])}`);
}

try {
  const summary = await rotateMasterKey({
    onEvent(event) {
      if (event.type === "checked") {
        console.log(`Checked ${event.live} stored secrets: all open with the configured keys.`);
        perKind(event.byKind, ({ byKeyId }) => Object.entries(byKeyId).map(([keyId, count]) => `${count} under ${keyId}`).join(", ") || "none");
        console.log(event.toRotate ? `Re-encrypting ${event.toRotate} to key ${primary!.id}…` : "Nothing to re-encrypt.");
      } else {
        console.log(`  ${event.done}/${event.total} re-encrypted`);
      }
    },
    afterRow({ rotatedSoFar }) {
      if (stopAfter && rotatedSoFar >= stopAfter) process.kill(process.pid, "SIGKILL");
    },
  });
  console.log(
    `Done: ${summary.rotated} re-encrypted, ${summary.alreadyPrimary} already under ${summary.primaryKeyId}, ` +
      `${summary.changedMeanwhile} changed by the app meanwhile (left as the app wrote them).`,
  );
  perKind(summary.byKind, (counts) => `${counts.rotated} re-encrypted, ${counts.alreadyPrimary} already under ${summary.primaryKeyId}, ${counts.changedMeanwhile} changed meanwhile`);
  if (summary.remainingUnderOldKeys > 0) {
    console.log(
      `${summary.remainingUnderOldKeys} secret(s) are still under an older key (written meanwhile by an instance still sealing ` +
        `with it). Restart every instance with the new REQIO_ENCRYPTION_KEY, then run this again.`,
    );
  } else if (older.length > 0) {
    console.log(`Every stored secret is under ${summary.primaryKeyId}. Once every instance runs with it, ${OLD_KEYS_VARIABLE} can be removed.`);
  }
} catch (error) {
  if (error instanceof RotationRefused) refuse(error.message);
  console.error(`Master-key rotation failed: ${describeError(error)}. Rows already re-encrypted stay valid; run it again.`);
  process.exitCode = 1;
} finally {
  await db.$disconnect();
}
