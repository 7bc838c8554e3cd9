// Type-checks customer files (as copied) with the repo's TypeScript under a strict customer tsconfig,
// in a scratch dir inside the repo so `react` and `@types/react` resolve from its node_modules.
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";

const scratchRoot = path.resolve("tests/.tmp");

/** `files` maps a path (as the snippet names it) to its text; returns each diagnostic as "path(line): message". */
export function typeCheckCustomerFiles(files: Record<string, string>): string[] {
  fs.mkdirSync(scratchRoot, { recursive: true });
  const dir = fs.mkdtempSync(path.join(scratchRoot, "tsx-"));
  try {
    const roots = Object.entries(files).map(([file, text]) => {
      const full = path.join(dir, file);
      fs.mkdirSync(path.dirname(full), { recursive: true });
      fs.writeFileSync(full, text);
      return full;
    });
    const program = ts.createProgram(roots, {
      strict: true,
      noUncheckedIndexedAccess: true,
      exactOptionalPropertyTypes: true,
      noUnusedLocals: true,
      noImplicitReturns: true,
      isolatedModules: true,
      noEmit: true,
      skipLibCheck: true,
      jsx: ts.JsxEmit.ReactJSX,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      target: ts.ScriptTarget.ES2022,
      lib: ["lib.es2022.d.ts", "lib.dom.d.ts", "lib.dom.iterable.d.ts"],
      types: [],
    });
    return ts.getPreEmitDiagnostics(program).map((diagnostic) => {
      const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n");
      if (!diagnostic.file || diagnostic.start === undefined) return message;
      const { line } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
      return `${path.relative(dir, diagnostic.file.fileName)}(${line + 1}): TS${diagnostic.code} ${message}`;
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
