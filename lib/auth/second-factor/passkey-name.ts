import { displayNameSchema } from "@/lib/validation/display-name";

export const PASSKEY_NAME_MAX = 64;

/** What the Account list calls a passkey ("Chrome on macOS"): the one display-name rule, like team and project names. */
export const passkeyNameSchema = displayNameSchema({ a: "a name for the passkey", the: "the passkey's name" }, PASSKEY_NAME_MAX);
