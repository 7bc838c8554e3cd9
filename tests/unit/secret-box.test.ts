import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { DecryptionError, open, seal, toEncryptionKey, type EncryptionKey } from "@/lib/crypto/secret-box";
import { generateIdentitySecret } from "@/lib/identity/secret";
import { generateProjectId } from "@/lib/identity/project-id";

const key = toEncryptionKey(randomBytes(32));
const otherKey = toEncryptionKey(randomBytes(32));
const projectId = generateProjectId();
const context = `reqio:identity-secret:${projectId}`;

type Parts = [format: string, keyId: string, iv: string, body: string];
const parts = (sealed: string) => sealed.split(".") as Parts;
const join = (p: readonly string[]) => p.join(".");

/** Flips one bit of a base64url field at `byteIndex` (negative counts from the end). */
function flipByte(field: string, byteIndex: number): string {
  const bytes = Buffer.from(field, "base64url");
  const index = byteIndex < 0 ? bytes.length + byteIndex : byteIndex;
  bytes[index] = bytes[index]! ^ 0x01;
  const out = bytes.toString("base64url");
  expect(out).not.toBe(field);
  return out;
}

function expectDecryptionError(sealed: string, ctx = context, keys: readonly EncryptionKey[] = [key]): DecryptionError {
  let caught: unknown;
  try {
    open(sealed, ctx, keys);
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(DecryptionError);
  return caught as DecryptionError;
}

describe("toEncryptionKey", () => {
  it("derives a stable 8-hex key ID that differs between keys and is not the key", () => {
    const bytes = randomBytes(32);
    expect(toEncryptionKey(bytes).id).toMatch(/^[0-9a-f]{8}$/);
    expect(toEncryptionKey(Buffer.from(bytes)).id).toBe(toEncryptionKey(bytes).id);
    expect(key.id).not.toBe(otherKey.id);
    expect(bytes.toString("hex")).not.toContain(toEncryptionKey(bytes).id);
  });

  it.each([0, 16, 31, 33, 64])("refuses a %i-byte key", (length) => {
    expect(() => toEncryptionKey(randomBytes(length))).toThrow(/32 bytes/);
  });
});

describe("seal / open", () => {
  it("round-trips secrets and arbitrary UTF-8 text", () => {
    for (const plaintext of [generateIdentitySecret(), "", "ünïcødé ✓ 🔑", "x".repeat(10_000)]) {
      expect(open(seal(plaintext, context, key), context, [key])).toBe(plaintext);
    }
  });

  it("produces v1.<keyId>.<iv>.<body> with a 12-byte IV and a 16-byte tag", () => {
    const plaintext = generateIdentitySecret();
    const [format, keyId, iv, body, ...rest] = seal(plaintext, context, key).split(".");
    expect(rest).toEqual([]);
    expect(format).toBe("v1");
    expect(keyId).toBe(key.id);
    expect(Buffer.from(iv!, "base64url")).toHaveLength(12);
    expect(Buffer.from(body!, "base64url")).toHaveLength(Buffer.byteLength(plaintext) + 16);
  });

  it("never contains the plaintext, raw or base64-encoded", () => {
    const plaintext = generateIdentitySecret();
    const sealed = seal(plaintext, context, key);
    for (const encoding of ["utf8", "base64", "base64url", "hex"] as const) {
      const needle = Buffer.from(plaintext.slice(8), "utf8").toString(encoding).slice(0, 16);
      expect(sealed).not.toContain(needle);
    }
    expect(sealed).not.toContain(plaintext.slice(-12));
  });

  it("seals the same plaintext differently every time (fresh IV)", () => {
    const plaintext = generateIdentitySecret();
    const sealedValues = Array.from({ length: 50 }, () => seal(plaintext, context, key));
    expect(new Set(sealedValues).size).toBe(50);
    expect(new Set(sealedValues.map((s) => parts(s)[2])).size).toBe(50);
    for (const sealed of sealedValues) expect(open(sealed, context, [key])).toBe(plaintext);
  });

  it("opens with whichever configured key sealed it (old key kept alongside a new one)", () => {
    const sealed = seal("hello", context, key);
    expect(open(sealed, context, [otherKey, key])).toBe("hello");
  });
});

describe("open refuses tampered or misplaced ciphertext", () => {
  const plaintext = generateIdentitySecret();
  const sealed = seal(plaintext, context, key);
  const [format, keyId, iv, body] = parts(sealed);

  it.each([
    ["first IV byte", () => join([format, keyId, flipByte(iv, 0), body])],
    ["last IV byte", () => join([format, keyId, flipByte(iv, -1), body])],
    ["first ciphertext byte", () => join([format, keyId, iv, flipByte(body, 0)])],
    ["middle ciphertext byte", () => join([format, keyId, iv, flipByte(body, 20)])],
    ["first tag byte", () => join([format, keyId, iv, flipByte(body, -16)])],
    ["last tag byte", () => join([format, keyId, iv, flipByte(body, -1)])],
  ])("flipped %s -> DecryptionError (authentication)", (_label, tamper) => {
    expect(expectDecryptionError(tamper()).message).toMatch(/failed authentication/);
  });

  it.each([
    ["unknown format", () => join(["v2", keyId, iv, body])],
    ["missing format", () => join(["", keyId, iv, body])],
    ["extra field", () => join([format, keyId, iv, body, "x"])],
    ["missing body", () => join([format, keyId, iv])],
    ["empty string", () => ""],
    ["plaintext stored as-is", () => plaintext],
  ])("%s -> DecryptionError (format)", (_label, tamper) => {
    expect(expectDecryptionError(tamper()).message).toMatch(/format/);
  });

  it.each([
    ["truncated IV", () => join([format, keyId, iv.slice(0, 8), body])],
    ["tag cut off", () => join([format, keyId, iv, Buffer.from(body, "base64url").subarray(0, 10).toString("base64url")])],
  ])("%s -> DecryptionError (truncated)", (_label, tamper) => {
    expect(expectDecryptionError(tamper()).message).toMatch(/truncated/);
  });

  it("tag dropped but body long enough -> DecryptionError", () => {
    const withoutTag = Buffer.from(body, "base64url").subarray(0, -16).toString("base64url");
    expectDecryptionError(join([format, keyId, iv, withoutTag]));
  });

  it("changed key ID -> DecryptionError naming the unconfigured key", () => {
    const error = expectDecryptionError(join([format, otherKey.id, iv, body]));
    expect(error.message).toContain(otherKey.id);
    expect(error.message).toMatch(/not configured/);
  });

  it("different context (another project's ID) -> DecryptionError", () => {
    expectDecryptionError(sealed, `reqio:identity-secret:${generateProjectId()}`);
    expectDecryptionError(sealed, "");
    expectDecryptionError(sealed, `${context} `);
  });

  it("wrong key -> DecryptionError, whether or not its ID matches", () => {
    expectDecryptionError(sealed, context, [otherKey]);
    expectDecryptionError(sealed, context, []);
    // An impostor key claiming the right ID still fails authentication.
    expect(expectDecryptionError(sealed, context, [{ id: key.id, bytes: otherKey.bytes }]).message).toMatch(/failed authentication/);
  });

  it("the untouched value still opens (the tampering above is what failed)", () => {
    expect(open(sealed, context, [key])).toBe(plaintext);
  });

  it("error messages never echo the plaintext or the key", () => {
    const error = expectDecryptionError(join([format, keyId, iv, flipByte(body, 3)]));
    expect(error.message).not.toContain(plaintext);
    expect(error.message).not.toContain(key.bytes.toString("base64"));
  });
});
