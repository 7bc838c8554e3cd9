import type { Permission } from "@/lib/authz/policy";

/**
 * What an action demands before its handler runs, as declared to projectAction / teamAction /
 * accountAction / publicAction. The authorization matrix reads it back with guardOf() and checks each
 * demand is enforced, so an action built without a guard fails the suite.
 */
export type ActionGuard =
  | { scope: "public" }
  | { scope: "account"; reauth: boolean; verifiedEmail: boolean }
  | { scope: "team" | "project"; permission: Permission; environment: boolean; reauth: boolean; verifiedEmail: boolean; rateLimit: string | null; audit: boolean };

const declared = new WeakMap<object, ActionGuard>();

export function declareGuard<A extends object>(action: A, guard: ActionGuard): A {
  declared.set(action, guard);
  return action;
}

/** The guard `action` was built with, or undefined for a function built without one. */
export function guardOf(action: unknown): ActionGuard | undefined {
  return typeof action === "function" ? declared.get(action) : undefined;
}
