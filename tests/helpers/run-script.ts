// Runs a repo TypeScript script the way package.json does (node --conditions=react-server --import tsx).
import path from "node:path";
import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import { fileURLToPath } from "node:url";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const NODE_ARGS = ["--conditions=react-server", "--import", "tsx"];

/** The current environment without any Reqio key variables, plus `env`. */
export function scriptEnv(env: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const { REQIO_ENCRYPTION_KEY: _k, REQIO_ENCRYPTION_KEYS_OLD: _o, REQIO_ROTATE_STOP_AFTER: _s, ...rest } = process.env;
  const merged: NodeJS.ProcessEnv = { ...rest };
  for (const [name, value] of Object.entries(env)) if (value !== undefined) merged[name] = value;
  return merged;
}

export function runScript(file: string, env: Record<string, string | undefined>, args: string[] = []): SpawnSyncReturns<string> {
  return spawnSync("node", [...NODE_ARGS, file, ...args], { cwd: repoRoot, env: scriptEnv(env), encoding: "utf8", timeout: 120_000 });
}

