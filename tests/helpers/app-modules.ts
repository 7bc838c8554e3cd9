// Finds every server-actions module and route handler under app/, so tests can demand a row for each.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const appDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../app");
const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;

type AnyFunction = (...args: never[]) => unknown;
export type ServerAction = (previous: null, formData: FormData) => Promise<unknown>;
export type RouteHandler = (request: Request, context: { params: Promise<Record<string, string | string[]>> }) => Promise<unknown> | unknown;

function filesNamed(fileName: string): string[] {
  return (fs.readdirSync(appDir, { recursive: true }) as string[])
    .filter((file) => path.basename(file) === fileName)
    .map((file) => file.split(path.sep).join("/"))
    .sort();
}

/** Every function exported by app/**\/actions.ts ("use server" files export only actions), by name. */
export async function discoverActions(): Promise<{ byName: Map<string, ServerAction>; files: string[]; duplicates: string[] }> {
  const byName = new Map<string, ServerAction>();
  const duplicates: string[] = [];
  const files = filesNamed("actions.ts");
  for (const file of files) {
    const mod = (await import(path.join(appDir, file))) as Record<string, unknown>;
    for (const [name, value] of Object.entries(mod)) {
      if (typeof value !== "function") continue;
      if (byName.has(name)) duplicates.push(`${name} (${file})`);
      byName.set(name, value as ServerAction);
    }
  }
  return { byName, files, duplicates };
}

/** Every exported HTTP method of app/**\/route.ts, keyed "<route dir> <METHOD>", e.g. "api/v1/ping GET". */
export async function discoverRouteHandlers(): Promise<Map<string, RouteHandler>> {
  const handlers = new Map<string, RouteHandler>();
  for (const file of filesNamed("route.ts")) {
    const mod = (await import(path.join(appDir, file))) as Record<string, unknown>;
    const route = path.posix.dirname(file);
    for (const method of HTTP_METHODS) {
      const handler = mod[method];
      if (typeof handler === "function") handlers.set(`${route} ${method}`, handler as AnyFunction as RouteHandler);
    }
  }
  return handlers;
}
