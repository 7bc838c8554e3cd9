import type { SnippetFile } from "./types";

/** The `.env` line every stack reads; `secret` is the masked form (or the members' placeholder) until revealed. */
export function envSnippet(secret: string): SnippetFile {
  return { id: "env", path: ".env", language: "dotenv", code: `REQIO_SECRET=${secret}\n` };
}
