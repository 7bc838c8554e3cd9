// REQIO_ENCRYPTION_KEY + REQIO_ENCRYPTION_KEYS_OLD: parsing, validation, and the checks against stored secrets.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { KEY_FILE_NAME, loadEncryptionKeys, parseEncryptionKey, type KeyRing } from "@/lib/config/encryption-key";
import { checkKeysAgainstStoredSecrets } from "@/lib/config/key-check";
import { storedKind, storedSecrets, type StoredKind, type StoredSecrets } from "@/lib/config/stored-secrets";
import { ConfigError } from "@/lib/config/errors";
import type { SqliteTarget } from "@/lib/config/database-url";
import { DecryptionError, open, seal, sealedKeyId, type EncryptionKey } from "@/lib/crypto/secret-box";
import { identitySecretContext } from "@/lib/crypto/identity-secret-context";
import { totpSecretContext } from "@/lib/crypto/totp-secret-context";

const b64 = () => randomBytes(32).toString("base64");
const [PRIMARY, OLD1, OLD2] = [b64(), b64(), b64()];

function configError(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error("expected a ConfigError");
}

let dir: string;
let database: SqliteTarget;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "reqio-ring-"));
  const filePath = path.join(dir, "reqio.db");
  database = { provider: "sqlite", url: `file:${filePath}`, filePath };
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const ring = (env: Record<string, string>, stored = () => 0) => loadEncryptionKeys(env, database, stored);

describe("loadEncryptionKeys", () => {
  it("puts the primary key first, then the older keys in the order given", () => {
    const keys = ring({ REQIO_ENCRYPTION_KEY: PRIMARY, REQIO_ENCRYPTION_KEYS_OLD: ` ${OLD1} ,${OLD2}\n` }).keys;
    expect(keys.map((key) => key.id)).toEqual([PRIMARY, OLD1, OLD2].map((text) => parseEncryptionKey(text).id));
  });

  it.each([undefined, "", "  "])("no older keys when REQIO_ENCRYPTION_KEYS_OLD is %j", (old) => {
    const env: Record<string, string> = { REQIO_ENCRYPTION_KEY: PRIMARY };
    if (old !== undefined) env.REQIO_ENCRYPTION_KEYS_OLD = old;
    expect(ring(env).keys).toHaveLength(1);
  });

  it("round trip under a key list: seals with the primary, opens what any listed key sealed", () => {
    const { keys } = ring({ REQIO_ENCRYPTION_KEY: PRIMARY, REQIO_ENCRYPTION_KEYS_OLD: `${OLD1},${OLD2}` });
    const context = identitySecretContext("prj_test", "production");
    const [primary, old1, old2] = keys as [EncryptionKey, EncryptionKey, EncryptionKey];
    for (const key of [primary, old1, old2]) expect(open(seal(`sealed by ${key.id}`, context, key), context, keys)).toBe(`sealed by ${key.id}`);
    const underOld = seal("x", context, old2);
    expect(sealedKeyId(underOld)).toBe(old2.id);
    expect(() => open(underOld, context, [primary])).toThrow(DecryptionError); // why the old keys must stay listed until rotated
  });

  it("also works with the generated key file as the primary key", () => {
    const first = ring({});
    const again = ring({ REQIO_ENCRYPTION_KEYS_OLD: OLD1 });
    expect(again.origin).toBe("key-file");
    expect(again.keys.map((key) => key.id)).toEqual([first.key.id, parseEncryptionKey(OLD1).id]);
  });

  it.each([
    ["a malformed entry", () => `${OLD1},not-a-key`, /^REQIO_ENCRYPTION_KEYS_OLD entry 2 of 2 is malformed: it must decode to exactly 32 bytes\. Each comma-separated entry/],
    ["a 16-byte entry", () => randomBytes(16).toString("base64"), /^REQIO_ENCRYPTION_KEYS_OLD entry 1 of 1 is malformed/],
    ["an empty entry", () => `${OLD1},,${OLD2}`, /^REQIO_ENCRYPTION_KEYS_OLD entry 2 of 3 is empty \(a stray comma\?\)/],
    ["a trailing comma", () => `${OLD1},`, /^REQIO_ENCRYPTION_KEYS_OLD entry 2 of 2 is empty/],
    ["a repeated key", () => `${OLD1},${OLD2},${OLD1}`, /^REQIO_ENCRYPTION_KEYS_OLD entry 3 of 3 repeats entry 1 \(key id [0-9a-f]{8}\)/],
    ["the same key in another encoding", () => `${OLD1},${Buffer.from(OLD1, "base64").toString("hex")}`, /entry 2 of 2 repeats entry 1/],
    ["the primary key again", () => `${OLD1},${PRIMARY}`, /^REQIO_ENCRYPTION_KEYS_OLD entry 2 of 2 is the same key as REQIO_ENCRYPTION_KEY/],
  ])("refuses %s with a ConfigError that names the entry and never echoes a key", (_label, old, message) => {
    const value = old();
    const text = configError(() => ring({ REQIO_ENCRYPTION_KEY: PRIMARY, REQIO_ENCRYPTION_KEYS_OLD: value }));
    expect(text).toMatch(message);
    for (const key of [PRIMARY, OLD1, OLD2, ...value.split(",")].filter(Boolean)) expect(text).not.toContain(key);
  });

  it("never generates a key file when the database already holds secrets", () => {
    const text = configError(() => ring({}, () => 7));
    expect(text).toContain(`The key file ${path.join(dir, KEY_FILE_NAME)} is missing, but the database holds 7 encrypted secret(s) (signing or authenticator-app secrets)`);
    expect(text).toContain("Restore");
    expect(fs.existsSync(path.join(dir, KEY_FILE_NAME))).toBe(false);
  });
});

describe("checkKeysAgainstStoredSecrets", () => {
  const keyRing = (primary: string, ...old: string[]): KeyRing =>
    ring({ REQIO_ENCRYPTION_KEY: primary, ...(old.length ? { REQIO_ENCRYPTION_KEYS_OLD: old.join(",") } : {}) });
  function signing(entries: Array<[projectId: string, key: EncryptionKey]>): StoredKind {
    const sample = entries.map(([projectId, key], index) => {
      const context = identitySecretContext(projectId, "production");
      return { id: `s${index}`, context, ciphertext: seal("secret", context, key) };
    });
    return storedKind("signing", sample.map((row) => row.ciphertext), sample);
  }
  function totp(entries: Array<[userId: string, key: EncryptionKey]>): StoredKind {
    const sample = entries.map(([userId, key]) => ({ id: userId, context: totpSecretContext(userId), ciphertext: seal("JBSWY3DPEHPK3PXP", totpSecretContext(userId), key) }));
    return storedKind("totp", sample.map((row) => row.ciphertext), sample);
  }
  const stored = (entries: Array<[projectId: string, key: EncryptionKey]>): StoredSecrets => storedSecrets([signing(entries)]);
  const key = (text: string) => parseEncryptionKey(text);

  it("passes silently with an empty database or every secret under the primary key", () => {
    expect(checkKeysAgainstStoredSecrets(keyRing(PRIMARY), storedSecrets([]))).toEqual([]);
    expect(checkKeysAgainstStoredSecrets(keyRing(PRIMARY), storedSecrets([signing([]), totp([])]))).toEqual([]);
    expect(checkKeysAgainstStoredSecrets(keyRing(PRIMARY), stored([["prj_a", key(PRIMARY)]]))).toEqual([]);
  });

  it("throws when none of the sampled secrets opens (a wrong master key)", () => {
    const text = configError(() => checkKeysAgainstStoredSecrets(keyRing(PRIMARY), stored([["prj_a", key(OLD1)], ["prj_b", key(OLD1)]])));
    expect(text).toContain(`None of the configured encryption keys (key id ${key(PRIMARY).id})`);
    expect(text).toContain(`2 stored, sealed with key id ${key(OLD1).id}; none of 2 sampled opens`);
  });

  it("a ciphertext moved to another project doesn't count as opening", () => {
    const moved = signing([["prj_a", key(PRIMARY)]]);
    const sample = [{ ...moved.sample[0]!, context: identitySecretContext("prj_other", "production") }];
    expect(() => checkKeysAgainstStoredSecrets(keyRing(PRIMARY), storedSecrets([{ ...moved, sample }]))).toThrow(ConfigError);
  });

  it("mid-rotation: notes how many are still under an older key", () => {
    const notes = checkKeysAgainstStoredSecrets(keyRing(PRIMARY, OLD1), stored([["prj_a", key(OLD1)], ["prj_b", key(PRIMARY)]]));
    expect(notes).toEqual([expect.objectContaining({ level: "info", fields: { secrets: 1, keyIds: key(OLD1).id } })]);
  });

  it("warns (without refusing) when some secrets are under a key that is no longer configured", () => {
    const notes = checkKeysAgainstStoredSecrets(keyRing(PRIMARY), stored([["prj_a", key(OLD2)], ["prj_b", key(PRIMARY)]]));
    expect(notes).toEqual([expect.objectContaining({ level: "warn", fields: { secrets: 1, keyIds: key(OLD2).id } })]);
  });

  it("throws when no authenticator-app secret opens, even though every signing secret does (their key was dropped)", () => {
    const both = storedSecrets([signing([["prj_a", key(PRIMARY)]]), totp([["usr_a", key(OLD1)], ["usr_b", key(OLD1)], ["usr_c", key(OLD1)]])]);
    const text = configError(() => checkKeysAgainstStoredSecrets(keyRing(PRIMARY), both));
    expect(text).toContain(`None of the configured encryption keys (key id ${key(PRIMARY).id}) can decrypt the authenticator-app secrets stored in the database`);
    expect(text).toContain(`3 stored, sealed with key id ${key(OLD1).id}; none of 3 sampled opens`);
    expect(checkKeysAgainstStoredSecrets(keyRing(PRIMARY, OLD1), both)).toEqual([
      expect.objectContaining({ level: "info", message: expect.stringContaining("authenticator-app secrets are still under an older encryption key"), fields: { secrets: 3, keyIds: key(OLD1).id } }),
    ]);
  });

  it("an authenticator-app secret copied onto another user's row doesn't count as opening", () => {
    const copied = totp([["usr_a", key(PRIMARY)]]);
    const sample = [{ ...copied.sample[0]!, id: "usr_b", context: totpSecretContext("usr_b") }];
    expect(() => checkKeysAgainstStoredSecrets(keyRing(PRIMARY), storedSecrets([{ ...copied, sample }]))).toThrow(/authenticator-app secrets/);
  });

  it("warns (without refusing) when some authenticator-app secrets are under a key that is no longer configured", () => {
    const notes = checkKeysAgainstStoredSecrets(keyRing(PRIMARY), storedSecrets([totp([["usr_a", key(OLD2)], ["usr_b", key(PRIMARY)]])]));
    expect(notes).toEqual([expect.objectContaining({ level: "warn", message: expect.stringContaining("authenticator-app codes are refused"), fields: { secrets: 1, keyIds: key(OLD2).id } })]);
  });
});
