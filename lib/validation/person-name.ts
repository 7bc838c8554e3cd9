import { displayNameSchema } from "@/lib/validation/display-name";

export const PERSON_NAME_MAX = 80;

/** A person's name at sign-up: the same rule as team and project names. */
export const personNameSchema = displayNameSchema({ a: "your name", the: "your name" }, PERSON_NAME_MAX);
