// A project's environments: where its tokens are minted. Each has its own signing secret; the secret that
// verifies a token decides its environment (the audience is the same for all). Plain Node: the identify
// server uses it too. Another environment (say "staging") is one more entry here and rows, no migration.

export const ENVIRONMENTS = ["production", "development"] as const;
export type Environment = (typeof ENVIRONMENTS)[number];

/** What the stats record when no secret of the project verified the token (a bad signature, junk). */
export const UNATTRIBUTED = "";

export const ENVIRONMENT_LABELS: Record<Environment, string> = { production: "Production", development: "Development" };

export function isEnvironment(value: unknown): value is Environment {
  return typeof value === "string" && (ENVIRONMENTS as readonly string[]).includes(value);
}

/** The `?env=` of a page: anything unknown is production, the environment that matters most. */
export function environmentFromParam(value: string | string[] | undefined): Environment {
  return isEnvironment(value) ? value : "production";
}

/** Where each environment's secret usually lives on the customer's side: what the `.env` snippet is named. */
export const ENV_FILE: Record<Environment, string> = { production: "your production environment variables", development: ".env.local" };
