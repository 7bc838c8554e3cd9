// The identify handler's whole import graph, as esbuild resolves it: nothing of the dashboard's
// rendering (shiki, React, Next) and no "server-only" (it runs in plain Node, outside Next's build).
import { build } from "esbuild";
import { describe, expect, it } from "vitest";

async function importGraph(entry: string) {
  const result = await build({ entryPoints: [entry], bundle: true, write: false, metafile: true, platform: "node", format: "esm", packages: "external", logLevel: "silent" });
  const inputs = Object.values(result.metafile!.inputs);
  return {
    files: Object.keys(result.metafile!.inputs),
    packages: [...new Set(inputs.flatMap((input) => input.imports.filter((imported) => imported.external).map((imported) => imported.path)))],
  };
}

describe("the identify hot path's module graph", () => {
  it("reaches no shiki, React, Next or server-only, and none of the dashboard's page data", async () => {
    const graph = await importGraph("server/identify-route.ts");
    expect(graph.files).toContain("lib/identity/token-verifier/pipeline.ts");
    const forbidden = graph.packages.filter((name) => /^(shiki|@shikijs|react|react-dom|next|next-auth|server-only)(\/|$)/.test(name));
    expect(forbidden).toEqual([]);
    expect(graph.files.filter((file) => /identity-page-data|highlight|components\//.test(file))).toEqual([]);
  });
});
