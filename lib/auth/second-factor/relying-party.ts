import "server-only";
import { serverConfig } from "@/lib/config/server-config";

export type RelyingParty = { rpName: string; rpID: string; origin: string };

/** Passkeys are bound to the dashboard's public host: the RP ID is APP_URL's hostname, answers must come from its origin. */
export function relyingParty(): RelyingParty {
  const url = new URL(serverConfig().appUrl);
  return { rpName: "Reqio", rpID: url.hostname, origin: url.origin };
}
