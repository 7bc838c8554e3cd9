// GET /widget.js on plain node:http: read and compressed once at startup, served from memory.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import type { IncomingMessage, ServerResponse } from "node:http";

export const WIDGET_PATH = "/widget.js";

export type WidgetAsset = { plain: Buffer; gzip: Buffer; etag: string; lastModified: string };

export function loadWidgetAsset(file = path.resolve("public/widget.js")): WidgetAsset {
  const plain = fs.readFileSync(file);
  return {
    plain,
    gzip: gzipSync(plain, { level: 9 }),
    etag: `"${createHash("sha256").update(plain).digest("base64url").slice(0, 27)}"`,
    lastModified: fs.statSync(file).mtime.toUTCString(),
  };
}

// Loaded by customers' sites: readable cross-origin (crossorigin="anonymous", SRI), sniff-proof, and
// revalidated on every load (max-age=0 + ETag) so a fixed widget reaches every site at once.
const BASE_HEADERS = {
  "Access-Control-Allow-Origin": "*",
  "Cross-Origin-Resource-Policy": "cross-origin",
  "X-Content-Type-Options": "nosniff",
  "Cache-Control": "public, max-age=0",
  "Content-Type": "application/javascript; charset=UTF-8",
  Vary: "Accept-Encoding",
} as const;

export function handleWidget(request: IncomingMessage, response: ServerResponse, asset: WidgetAsset): void {
  if (request.method !== "GET" && request.method !== "HEAD") {
    response.writeHead(405, { Allow: "GET, HEAD", "Content-Type": "text/plain; charset=utf-8" });
    response.end("Method Not Allowed");
    return;
  }
  const headers = { ...BASE_HEADERS, ETag: asset.etag, "Last-Modified": asset.lastModified };
  if (request.headers["if-none-match"]?.split(/\s*,\s*/).some((tag) => tag.replace(/^W\//, "") === asset.etag)) {
    response.writeHead(304, headers);
    response.end();
    return;
  }
  const gzip = /\bgzip\b/.test(request.headers["accept-encoding"] ?? "");
  const body = gzip ? asset.gzip : asset.plain;
  response.writeHead(200, { ...headers, ...(gzip ? { "Content-Encoding": "gzip" } : {}), "Content-Length": body.length });
  response.end(request.method === "HEAD" ? undefined : body);
}
