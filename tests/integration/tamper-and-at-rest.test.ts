// Edits the database behind Prisma's back (a second connection) and reads what it holds at rest.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createProject } from "@/lib/projects/projects";
import { decryptCurrentSecret } from "@/lib/identity/secret-store";
import { rotateIdentitySecret } from "@/lib/identity/secret-rotation";
import { UserFacingError } from "@/lib/result";
import { createTeamWithOwner } from "../helpers/fixtures";
import { databaseBytes, openRawSql, type RawSql } from "../helpers/raw-sql";

let raw: RawSql;
let owner: Awaited<ReturnType<typeof createTeamWithOwner>>;

beforeAll(async () => {
  owner = await createTeamWithOwner("owner");
  raw = openRawSql();
});
afterAll(() => raw?.close());

type SecretRow = { id: string; projectId: string; ciphertext: string | null; last4: string; fingerprint: string; retiredAt: unknown };
const currentRow = async (projectId: string) =>
  (await raw.all<SecretRow>(`SELECT s.* FROM "IdentitySecret" s JOIN "ProjectEnvironment" e ON e."currentSecretId" = s."id" WHERE e."projectId" = ? AND e."slug" = 'production'`, projectId))[0]!;
const setCiphertext = (id: string, ciphertext: string) => raw.run(`UPDATE "IdentitySecret" SET "ciphertext" = ? WHERE "id" = ?`, ciphertext, id);

/** Changes one character of the sealed value's body to another base64url character. */
function flipChar(sealed: string, index: number): string {
  const chars = [...sealed];
  chars[index] = chars[index] === "A" ? "B" : "A";
  return chars.join("");
}

async function expectUndecryptable(projectId: string) {
  const error = await decryptCurrentSecret(projectId, "production").catch((e: unknown) => e);
  expect(error).toBeInstanceOf(UserFacingError);
  expect((error as Error).message).toBe(
    "The stored secret could not be decrypted (wrong REQIO_ENCRYPTION_KEY or a tampered database). Nothing was changed.",
  );
}

const newProject = async (name: string) => (await createProject({ teamId: owner.team.id, name, actor: owner.actor })).id;

describe("tampered ciphertext", () => {
  it.each([
    ["a body character", (c: string) => flipChar(c, c.lastIndexOf(".") + 5)],
    ["a tag character", (c: string) => flipChar(c, c.length - 6)],
    ["an IV character", (c: string) => flipChar(c, c.indexOf(".", 3) + 3)],
    ["the key ID", (c: string) => c.replace(/^v1\.[0-9a-f]{8}\./, "v1.00000000.")],
    ["the format", (c: string) => c.replace(/^v1\./, "v9.")],
    ["a truncated value", (c: string) => c.slice(0, 40)],
  ])("%s -> UserFacingError with a clear message; the row is left as it was", async (_label, tamper) => {
    const projectId = await newProject("Tamper");
    const good = await decryptCurrentSecret(projectId, "production");
    const original = await currentRow(projectId);
    const tampered = tamper(original.ciphertext!);
    expect(tampered).not.toBe(original.ciphertext);
    await setCiphertext(original.id, tampered);

    await expectUndecryptable(projectId);
    await expectUndecryptable(projectId);
    expect(await currentRow(projectId)).toEqual({ ...original, ciphertext: tampered });

    // Restoring the original value (e.g. from a backup) brings the same secret back.
    await setCiphertext(original.id, original.ciphertext!);
    expect((await decryptCurrentSecret(projectId, "production")).secret).toBe(good.secret);
  });

  it("a tampered current secret can still be rotated away (recovery path)", async () => {
    const projectId = await newProject("Recover");
    const row = await currentRow(projectId);
    await setCiphertext(row.id, flipChar(row.ciphertext!, row.ciphertext!.length - 6));
    await expectUndecryptable(projectId);
    const rotated = await rotateIdentitySecret({ environment: "production", projectId, teamId: owner.team.id, expectedSecretId: row.id, actor: owner.actor });
    expect((await decryptCurrentSecret(projectId, "production")).secret).toBe(rotated.secret);
  });
});

describe("ciphertext moved to another project's row", () => {
  it("does not decrypt for the other project (bound to its project ID)", async () => {
    const [a, b] = [await newProject("A"), await newProject("B")];
    const secretA = (await decryptCurrentSecret(a, "production")).secret;
    const rowA = await currentRow(a);
    const rowB = await currentRow(b);
    await setCiphertext(rowB.id, rowA.ciphertext!);

    await expectUndecryptable(b);
    expect(await currentRow(b)).toEqual({ ...rowB, ciphertext: rowA.ciphertext });
    // A is unaffected, and B never yields A's secret.
    expect((await decryptCurrentSecret(a, "production")).secret).toBe(secretA);
  });

  it("swapping two projects' ciphertexts breaks both rather than exchanging their secrets", async () => {
    const [a, b] = [await newProject("A"), await newProject("B")];
    const [rowA, rowB] = [await currentRow(a), await currentRow(b)];
    await setCiphertext(rowA.id, rowB.ciphertext!);
    await setCiphertext(rowB.id, rowA.ciphertext!);
    await expectUndecryptable(a);
    await expectUndecryptable(b);
  });
});

describe("plaintext at rest", () => {
  it("neither the current nor the retired secret appears anywhere in what the database holds", async () => {
    const projectId = await newProject("At rest");
    const first = await decryptCurrentSecret(projectId, "production");
    const rotated = await rotateIdentitySecret({
      environment: "production",
      projectId,
      teamId: owner.team.id,
      expectedSecretId: first.summary.id,
      actor: owner.actor,
    });
    expect((await decryptCurrentSecret(projectId, "production")).secret).toBe(rotated.secret);

    const bytes = databaseBytes();

    // The search sees real data: the current ciphertext and the project ID are in those bytes.
    expect(bytes.includes(Buffer.from((await currentRow(projectId)).ciphertext!))).toBe(true);
    expect(bytes.includes(Buffer.from(projectId))).toBe(true);

    for (const secret of [first.secret, rotated.secret]) {
      for (const needle of [secret, secret.slice(8), secret.slice(8, 30), secret.slice(28, -4)]) {
        expect(bytes.includes(Buffer.from(needle, "utf8")), `found ${needle.length} chars of a secret`).toBe(false);
        expect(bytes.includes(Buffer.from(needle, "utf16le"))).toBe(false);
      }
    }
  });
});
