import { db } from "@/lib/db";
import { storedKind, storedSecrets, type StoredSecrets } from "@/lib/config/stored-secrets";
import { identitySecretContext } from "@/lib/crypto/identity-secret-context";
import { totpSecretContext } from "@/lib/crypto/totp-secret-context";

const SAMPLE_SIZE = 20;

/** Live signing secrets and authenticator-app secrets, summarised the way the SQLite boot check reads them from the file. */
export async function storedSecretsFromDatabase(): Promise<StoredSecrets> {
  const live = { ciphertext: { not: null } } as const;
  const [signing, signingSample, totp, totpSample] = await Promise.all([
    db.identitySecret.findMany({ where: live, select: { ciphertext: true } }),
    db.identitySecret.findMany({ where: live, select: { id: true, projectId: true, environment: true, ciphertext: true }, orderBy: { createdAt: "desc" }, take: SAMPLE_SIZE }),
    db.totpFactor.findMany({ select: { sealedSecret: true } }),
    db.totpFactor.findMany({ select: { userId: true, sealedSecret: true }, orderBy: { createdAt: "desc" }, take: SAMPLE_SIZE }),
  ]);
  return storedSecrets([
    storedKind(
      "signing",
      signing.flatMap((row) => (row.ciphertext ? [row.ciphertext] : [])),
      signingSample.flatMap((row) => (row.ciphertext ? [{ id: row.id, ciphertext: row.ciphertext, context: identitySecretContext(row.projectId, row.environment) }] : [])),
    ),
    storedKind(
      "totp",
      totp.map((row) => row.sealedSecret),
      totpSample.map((row) => ({ id: row.userId, ciphertext: row.sealedSecret, context: totpSecretContext(row.userId) })),
    ),
  ]);
}
