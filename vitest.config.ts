import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  resolve: {
    alias: [
      // tsconfig paths: "@/*" -> "./*"
      { find: /^@\//, replacement: `${root}/` },
      // lib files import "server-only"; outside a React Server Components build it throws.
      { find: /^server-only$/, replacement: path.join(root, "tests/helpers/empty.ts") },
    ],
  },
  test: {
    environment: "node",
    // One child process per test file: serverConfig() and the Prisma client are per-process
    // singletons, and each integration file gets its own SQLite file (tests/helpers/integration-setup.ts).
    pool: "forks",
    isolate: true,
    projects: [
      {
        extends: true,
        test: { name: "unit", include: ["tests/unit/**/*.test.ts"], testTimeout: 30_000 },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          globalSetup: ["tests/helpers/integration-global-setup.ts"],
          setupFiles: ["tests/helpers/integration-setup.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
