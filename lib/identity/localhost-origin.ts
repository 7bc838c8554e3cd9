// A production token sent from a page on localhost: a developer's machine holds the production secret,
// and their test users land in production. Counted, so the status panel can say so. Plain Node (hot path).

/** The counter code these sightings are kept under (never a rejection: the token verified). */
export const LOCALHOST_PRODUCTION_CODE = "warn:production_from_localhost";

const LOCAL_ORIGIN = /^https?:\/\/(localhost|127\.\d+\.\d+\.\d+|\[::1\]|[^/:]+\.localhost)(:\d+)?$/i;

/** Whether an Origin header names a page served from this machine. */
export function isLocalhostOrigin(origin: string | undefined): boolean {
  return origin !== undefined && LOCAL_ORIGIN.test(origin);
}
