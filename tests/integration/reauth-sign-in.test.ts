// The password typed to sign in (or by sign-up's automatic sign-in) counts as a fresh confirmation for
// reveal, rotate and expire, bound like the prompt's to the user and session version.
// Mocked: only the request's headers/cookies store. The database, scrypt and the signing are real.
import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { CookieJar } from "../helpers/request-mocks";
import { db } from "@/lib/db";
import { authorizeCredentials } from "@/lib/auth/auth-options";
import { registerUser } from "@/lib/auth/credentials";
import { hasRecentReauth } from "@/lib/auth/reauth";
import { REAUTH_WINDOW_MS } from "@/lib/auth/reauth-token";
import { bumpSessionVersion } from "@/lib/auth/session-version";

const jar = vi.hoisted((): CookieJar => new Map());
vi.mock("next/headers", async () => (await import("../helpers/request-mocks")).headersMock({ cookies: jar }));

const PASSWORD = "sign-in-counts-2026";
const request = { headers: {} };

// Each sign-up from an address of its own (a fresh per-IP budget), the same ones on every run.
let lastIp = 0;

async function newAccount(label: string): Promise<{ id: string; email: string }> {
  const email = `${label}-${randomUUID().slice(0, 8)}@example.com`;
  const { userId } = await registerUser({ name: label, email, password: PASSWORD, ip: `198.51.100.${++lastIp}` });
  return { id: userId, email };
}

beforeEach(() => jar.clear());

describe("signing in confirms the password", () => {
  it("counts for 5 minutes from the sign-in, in an httpOnly SameSite=Strict cookie", async () => {
    const ada = await newAccount("ada");
    expect(await hasRecentReauth(ada.id)).toBe(false); // creating the account sets nothing: the sign-up form then signs in
    expect(await authorizeCredentials({ email: ada.email, password: PASSWORD }, request)).toMatchObject({ id: ada.id });
    // Taken after the sign-in returned, so it is no earlier than the confirmation (hashing the password
    // can take over a second on a loaded machine): a window later, it no longer counts.
    const signedInBy = Date.now();
    expect(await hasRecentReauth(ada.id)).toBe(true);
    expect(await hasRecentReauth(ada.id, signedInBy + REAUTH_WINDOW_MS)).toBe(false);
    expect(jar.get("reqio_reauth")!.options).toMatchObject({ httpOnly: true, sameSite: "strict", maxAge: REAUTH_WINDOW_MS / 1000 });
    expect(jar.get("reqio_reauth")!.value).not.toContain(PASSWORD);
  });

  it("a wrong password confirms nothing", async () => {
    const bob = await newAccount("bob");
    await expect(authorizeCredentials({ email: bob.email, password: "not-the-password-1" }, request)).rejects.toThrow("Wrong email or password.");
    expect(jar.has("reqio_reauth")).toBe(false);
    expect(await hasRecentReauth(bob.id)).toBe(false);
  });

  it("is bound to the user and the session version: not another account's, not after 'sign out everywhere'", async () => {
    const [cleo, dan] = await Promise.all([newAccount("cleo"), newAccount("dan")]);
    await authorizeCredentials({ email: cleo.email, password: PASSWORD }, request);
    expect(await hasRecentReauth(dan.id)).toBe(false);
    await bumpSessionVersion(db, cleo.id);
    expect(await hasRecentReauth(cleo.id)).toBe(false);
    // Signing in again gets the new version, and counts again.
    await authorizeCredentials({ email: cleo.email, password: PASSWORD }, request);
    expect(await hasRecentReauth(cleo.id)).toBe(true);
  });

  it("can't be forged: a cookie with a later time or another user's id is refused", async () => {
    const eve = await newAccount("eve");
    const fay = await newAccount("fay");
    await authorizeCredentials({ email: eve.email, password: PASSWORD }, request);
    const [id, version, at, signature] = jar.get("reqio_reauth")!.value.split(".");
    expect(id).toBe(eve.id);
    jar.set("reqio_reauth", { value: [fay.id, version, at, signature].join("."), options: {} });
    expect(await hasRecentReauth(fay.id)).toBe(false);
    jar.set("reqio_reauth", { value: [eve.id, version, String(Number(at) + REAUTH_WINDOW_MS), signature].join("."), options: {} });
    expect(await hasRecentReauth(eve.id, Number(at) + REAUTH_WINDOW_MS + 1_000)).toBe(false);
  });
});
