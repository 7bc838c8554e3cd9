// The layering rules, read from every file's imports (TypeScript's own pre-processor, so comments and
// strings never count): lib/ is domain logic without HTTP framework objects, React or UI; app/ reaches
// the database only through lib/.
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const root = path.resolve(__dirname, "../..");

function sourceFiles(dir: string): string[] {
  return (fs.readdirSync(path.join(root, dir), { recursive: true }) as string[])
    .map((file) => path.posix.join(dir, file.split(path.sep).join("/")))
    .filter((file) => /\.(ts|tsx|mts)$/.test(file) && !file.startsWith("lib/generated/"));
}

/** Every module a file imports, re-exports or loads dynamically, resolved to a repo path when it is ours. */
function importsOf(file: string): string[] {
  const { importedFiles } = ts.preProcessFile(fs.readFileSync(path.join(root, file), "utf8"), true, true);
  return importedFiles.map(({ fileName }) => {
    if (fileName.startsWith("@/")) return fileName.slice(2);
    if (fileName.startsWith(".")) return path.posix.normalize(path.posix.join(path.posix.dirname(file), fileName));
    return fileName;
  });
}

function violations(dir: string, forbidden: (specifier: string) => boolean): string[] {
  return sourceFiles(dir).flatMap((file) => importsOf(file).filter(forbidden).map((specifier) => `${file} imports ${specifier}`));
}

describe("import boundaries", () => {
  it("finds the files and imports it checks", () => {
    expect(sourceFiles("lib").length).toBeGreaterThan(50);
    expect(importsOf("lib/actions/guarded-actions.ts")).toContain("lib/auth/session");
  });

  it("no file under lib/ imports next/server, React or components/", () => {
    const forbidden = (specifier: string) => /^(next\/server|react|react-dom)(\/|$)/.test(specifier) || /^components(\/|$)/.test(specifier);
    expect(violations("lib", forbidden)).toEqual([]);
  });

  it("no file under app/ imports the database client", () => {
    expect(violations("app", (specifier) => specifier === "lib/db" || specifier.startsWith("lib/generated/"))).toEqual([]);
  });
});
