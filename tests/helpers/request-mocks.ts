// The vi.mock factories of the integration tests that call server actions and route handlers: who is
// calling (@/lib/auth/session), next/cache, and Next's request headers/cookies. vi.mock is hoisted per
// file, so each file keeps its own `caller` from vi.hoisted and hands it to these, e.g.
//   vi.mock("next/headers", async () => (await import("../helpers/request-mocks")).headersMock(caller));
// Everything else (the database, lib/, the guards) stays real.
import { vi } from "vitest";
import type { TestUser } from "./fixtures";

export type CookieOptions = { httpOnly?: boolean; sameSite?: string; maxAge?: number };
/** The request's cookie store: what the code set, with the options it set them with. */
export type CookieJar = Map<string, { value: string; options?: CookieOptions }>;
export type Caller = { user: TestUser | null; cookies: CookieJar };

/** @/lib/auth/session answering for `caller.user`; requireUser redirects to sign-in like the real one. */
export async function sessionMock(caller: Pick<Caller, "user">) {
  const { redirect } = await import("next/navigation");
  const { actorOf } = await import("./fixtures");
  return {
    currentUser: async () => caller.user,
    requireUser: async () => caller.user ?? redirect("/sign-in"),
    actorFor: async (user: TestUser) => actorOf(user),
  };
}

export const cacheMock = () => ({ revalidatePath: vi.fn(), revalidateTag: vi.fn() });

/** next/headers: a request from vitest (plus `requestHeaders`), with `cookies` as its cookie store. */
export function headersMock({ cookies: jar }: Pick<Caller, "cookies">, requestHeaders: Record<string, string> = {}) {
  return {
    headers: async () => new Headers({ "user-agent": "vitest", ...requestHeaders }),
    cookies: async () => ({
      get: (name: string) => (jar.has(name) ? { name, value: jar.get(name)!.value } : undefined),
      set: (name: string, value: string, options?: CookieOptions) => void jar.set(name, { value, options }),
      delete: (name: string) => void jar.delete(name),
    }),
  };
}

/** Calls a form action (previous state null) as `user` with `fields` as its form, signed out again afterwards. */
export async function callAs<Result>(
  caller: Pick<Caller, "user">,
  action: (previous: null, form: FormData) => Promise<unknown>,
  user: TestUser | null,
  fields: Record<string, string>,
): Promise<Result> {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) form.set(key, value);
  caller.user = user;
  try {
    return (await action(null, form)) as Result;
  } finally {
    caller.user = null;
  }
}
