import type { Environment } from "@/lib/identity/environments";
import type { SnippetFile } from "./types";

/**
 * The `.env` line every stack reads; `secret` is the masked form (or the members' placeholder) until
 * revealed. Development's goes in `.env.local` (what Next.js, Vite and most dotenv setups load locally
 * and keep out of git); production's in the host's environment variables.
 */
export function envSnippet(secret: string, environment: Environment = "production"): SnippetFile {
  if (environment === "development") {
    return {
      id: "env",
      path: ".env.local",
      language: "dotenv",
      code: `# Development secret: for your own machine. Your production servers use the production secret.\nREQIO_SECRET=${secret}\n`,
    };
  }
  return { id: "env", path: ".env", language: "dotenv", code: `REQIO_SECRET=${secret}\n` };
}
