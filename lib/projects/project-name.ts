import { displayNameSchema } from "@/lib/validation/display-name";

export const PROJECT_NAME_MAX = 64;

/** Shared by create and rename so both refuse the same names with the same words. */
export const projectNameSchema = displayNameSchema({ a: "a project name", the: "the project name" }, PROJECT_NAME_MAX);
