// Every server action and route handler, called as anonymous, member, admin, owner and another team's
// owner, against ONE table of expected outcomes. The modules are discovered from app/**/actions.ts and
// app/**/route.ts, so a new action or handler without a row here fails this file.
// Mocked: only the session lookup (who is calling), next/cache and the request headers/cookies store.
// The database, lib/ and every authorization check are real.
import { environmentSecrets } from "../helpers/fixtures";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { Permission } from "@/lib/authz/policy";
import type { ActionGuard } from "@/lib/actions/action-guard";
import { roleMay, roleMayIn } from "../fixtures/permission-table";
import { ACTORS, actingUser, actorOf, buildWorld, OUTCOMES, type ActorName, type Outcome, type World } from "../helpers/authorization-world";
import type { TestUser } from "../helpers/fixtures";
import { discoverActions, discoverRouteHandlers } from "../helpers/app-modules";
import { callAs, type Caller } from "../helpers/request-mocks";
import { db } from "@/lib/db";
import { startSession } from "@/lib/auth/user-sessions";
import { generateLinkToken } from "@/lib/auth/link-token";
import { deniedMessage, PROJECT_NOT_FOUND, SECOND_FACTOR_REQUIRED, TEAM_NOT_FOUND } from "@/lib/authz/access";
import { hashPassword } from "@/lib/auth/password";
import { confirmCode, confirmPassword } from "@/lib/auth/reauth";
import { replaceRecoveryCodes } from "@/lib/auth/second-factor/recovery-codes";
import { registrationAnswer, stepUpAnswer, withPasskey, withPasskeyConfirmedIfStepUpWas } from "../helpers/passkey-fixtures";
import { confirmTotpEnrolment, startTotpEnrolment } from "@/lib/auth/second-factor/totp";
import * as OTPAuth from "otpauth";
import { REAUTH_REQUIRED } from "@/lib/actions/failure-codes";
import { guardOf } from "@/lib/actions/action-guard";
import { SIGNED_OUT, UNKNOWN_ENVIRONMENT } from "@/lib/actions/guarded-actions";
import { VERIFY_EMAIL_FIRST } from "@/lib/account/email-verification";
import { rotateIdentitySecret } from "@/lib/identity/secret-rotation";
import { LAST_OWNER } from "@/lib/teams/messages";
import { wrongEmailMessage } from "@/lib/invitations/messages";

const caller = vi.hoisted((): Caller => ({ user: null, cookies: new Map() }));
vi.mock("@/lib/auth/session", async () => (await import("../helpers/request-mocks")).sessionMock(caller));
vi.mock("next/cache", async () => (await import("../helpers/request-mocks")).cacheMock());
vi.mock("next/headers", async () => (await import("../helpers/request-mocks")).headersMock(caller, { "x-forwarded-for": "203.0.113.9" }));

const PASSWORD = "matrix-password-2026";
let passwordHash = "";

type Expectation = Record<ActorName, Outcome>;
/** Who may: the outcome per actor for the usual shapes of permission. */
const ANY_SIGNED_IN: Expectation = { anonymous: "signed_out", member: "ok", admin: "ok", owner: "ok", otherTeamOwner: "ok" };
const ANYONE: Expectation = { anonymous: "ok", member: "ok", admin: "ok", owner: "ok", otherTeamOwner: "ok" };
/** Who may, per the permission table the product promises (tests/fixtures/permission-table.ts). */
const allowedBy = (permission: Permission): Expectation => ({
  anonymous: "signed_out",
  member: roleMay("member", permission) ? "ok" : "denied",
  admin: roleMay("admin", permission) ? "ok" : "denied",
  owner: roleMay("owner", permission) ? "ok" : "denied",
  otherTeamOwner: "not_found",
});
/** Who may, for an environment action: the table plus its one environment rule (members and development). */
const allowedIn = (permission: Permission, { environment, membersRevealDevelopmentSecret: open }: Variant): Expectation => ({
  anonymous: "signed_out",
  member: roleMayIn("member", permission, environment, open) ? "ok" : "denied",
  admin: roleMayIn("admin", permission, environment, open) ? "ok" : "denied",
  owner: roleMayIn("owner", permission, environment, open) ? "ok" : "denied",
  otherTeamOwner: "not_found",
});
/** An environment action runs in each environment, with the team's development setting off and on. */
type Variant = { environment: "production" | "development"; membersRevealDevelopmentSecret: boolean };
const VARIANTS: Variant[] = [
  { environment: "production", membersRevealDevelopmentSecret: false },
  { environment: "production", membersRevealDevelopmentSecret: true },
  { environment: "development", membersRevealDevelopmentSecret: false },
  { environment: "development", membersRevealDevelopmentSecret: true },
];
const DEFAULT_VARIANT: Variant = VARIANTS[0]!;
const variantName = ({ environment, membersRevealDevelopmentSecret }: Variant) =>
  `in ${environment}, members ${membersRevealDevelopmentSecret ? "allowed" : "not allowed"} to reveal development secrets`;
/** The same callers without a password confirmed in the last 5 minutes: the permission first, then the prompt. */
const askedForPassword = (expectation: Expectation): Expectation =>
  Object.fromEntries(Object.entries(expectation).map(([actor, outcome]) => [actor, outcome === "ok" ? "reauth" : outcome])) as Expectation;

type ActionRow = {
  /** The guard the action must be built with (lib/actions/guarded-actions.ts); the outcomes show it's enforced. */
  guard: ActionGuard;
  /** `environment`: the one the call acts on (an environment action's rows send it as the form's `environment`). */
  input: (world: World, user: TestUser | null, environment: Variant["environment"]) => Record<string, string> | Promise<Record<string, string>>;
  /** The outcome per actor; for a team or project guard, who its permission allows unless the row says otherwise. */
  expect?: Expectation;
  /** The refusal "denied" means for this row; defaults to the policy's message for the guard's permission. */
  refusal?: (world: World, user: TestUser) => string;
};

/** A row's outcomes; for a guard that demands a fresh password they're checked after confirming it, as the prompt would. */
function expectationOf(row: ActionRow, variant: Variant = DEFAULT_VARIANT): Expectation {
  if (row.expect) return row.expect;
  if (!("permission" in row.guard)) throw new Error("a public or account row states its outcomes");
  return row.guard.environment ? allowedIn(row.guard.permission, variant) : allowedBy(row.guard.permission);
}
const actsOnEnvironment = (row: ActionRow) => "environment" in row.guard && row.guard.environment;
const demandsPassword = (row: ActionRow) => "reauth" in row.guard && row.guard.reauth;

const PUBLIC: ActionGuard = { scope: "public" };
const OWN_ACCOUNT: ActionGuard = { scope: "account", reauth: false, verifiedEmail: false };
/** Changing how the account signs in needs a fresh step-up. */
const FRESH_ACCOUNT: ActionGuard = { scope: "account", reauth: true, verifiedEmail: false };
/** Joining a team needs a proven address (on a server that can prove it). */
const VERIFIED_ACCOUNT: ActionGuard = { scope: "account", reauth: false, verifiedEmail: true };
type Demands = { environment?: boolean; reauth?: boolean; verifiedEmail?: boolean; rateLimit?: string; audit?: boolean };
const guardOn = (scope: "team" | "project", permission: Permission, demands: Demands): ActionGuard =>
  ({ scope, permission, environment: false, reauth: false, verifiedEmail: false, rateLimit: null, audit: false, ...demands });
const onTeam = (permission: Permission, demands: Demands = {}) => guardOn("team", permission, demands);
const onProject = (permission: Permission, demands: Demands = {}) => guardOn("project", permission, demands);

const project = (w: World) => ({ projectId: w.project.id });
/** The project and the environment an environment action acts on. */
const inEnvironment = (w: World, _user: unknown, environment: Variant["environment"]) => ({ projectId: w.project.id, environment });
const currentSecretOf = (w: World, environment: Variant["environment"]) => (environment === "production" ? w.project.currentSecretId : w.project.developmentSecretId);
const team = (w: World) => ({ teamId: w.team.id });
const currentTotpCode = (secret: string) => new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret) }).generate();
/** Gives `user` a confirmed authenticator app. */
async function withTotp(user: TestUser): Promise<void> {
  const { secret } = await startTotpEnrolment(user);
  await confirmTotpEnrolment(user.id, currentTotpCode(secret));
}
/** Gives `userId` a passkey (a stored row: nothing here signs with it) and fresh recovery codes. */
async function withRecoveryCodes(userId: string): Promise<string[]> {
  await db.passkey.create({ data: { id: crypto.randomUUID(), userId, name: "Matrix key", publicKey: Buffer.from([1]) } });
  return db.$transaction((tx) => replaceRecoveryCodes(tx, userId));
}

/** THE table: one row per exported server action. */
const ACTIONS: Record<string, ActionRow> = {
  signUpAction: { guard: PUBLIC, expect: ANYONE, input: () => ({ name: "New", email: `new-${crypto.randomUUID()}@example.com`, password: PASSWORD }) },
  verifyEmailAction: {
    guard: PUBLIC,
    expect: ANYONE,
    input: async (w) => {
      const { token, tokenHash } = generateLinkToken();
      await db.emailVerification.create({ data: { tokenHash, userId: w.owner.id, email: w.owner.email, expiresAt: new Date(Date.now() + 60_000) } });
      return { token };
    },
  },
  // The caller's address not yet verified, so a new link is due.
  resendVerificationAction: {
    guard: OWN_ACCOUNT,
    expect: ANY_SIGNED_IN,
    input: async (_w, user) => {
      if (user) await db.user.update({ where: { id: user.id }, data: { emailVerifiedAt: null } });
      return {};
    },
  },
  requestPasswordResetAction: { guard: PUBLIC, expect: ANYONE, input: (w) => ({ email: w.owner.email }) },
  // The link's token is the whole permission: each call gets a fresh one for the owner's account.
  resetPasswordAction: {
    guard: PUBLIC,
    expect: ANYONE,
    input: async (w) => {
      const { token, tokenHash } = generateLinkToken();
      await db.passwordReset.create({ data: { tokenHash, userId: w.owner.id, expiresAt: new Date(Date.now() + 60_000) } });
      return { token, newPassword: "a-reset-by-link-passphrase-5" };
    },
  },
  // The step-up prompt's answers: about the caller's own account, whichever page (project) the prompt is on.
  confirmPasswordAction: { guard: OWN_ACCOUNT, expect: ANY_SIGNED_IN, input: (w) => ({ ...project(w), password: PASSWORD }) },
  // A recovery code of the caller's (they have a passkey, so that is what their code prompt takes).
  confirmCodeAction: {
    guard: OWN_ACCOUNT,
    expect: ANY_SIGNED_IN,
    input: async (w, user) => ({ ...project(w), code: user ? (await withRecoveryCodes(user.id))[0]! : "2345-6789-abcd-efgh" }),
  },
  startTotpSetupAction: { guard: FRESH_ACCOUNT, expect: ANY_SIGNED_IN, input: () => ({}) },
  // The code of the setup the caller just started (the start is what needed the step-up).
  finishTotpSetupAction: {
    guard: OWN_ACCOUNT,
    expect: ANY_SIGNED_IN,
    input: async (_w, user) => ({ code: user ? currentTotpCode((await startTotpEnrolment(user)).secret) : "123456" }),
  },
  // The caller has an authenticator app, so the password confirmed before the call is not enough: the
  // success path is in tests/integration/second-factors.test.ts and tests/e2e/two-factor.spec.ts.
  removeTotpAction: { guard: FRESH_ACCOUNT, expect: askedForPassword(ANY_SIGNED_IN), input: async (_w, user) => (user && (await withTotp(user)), {}) },
  // Likewise with a passkey: only the passkey or a recovery code would do.
  newRecoveryCodesAction: { guard: FRESH_ACCOUNT, expect: askedForPassword(ANY_SIGNED_IN), input: async (_w, user) => (user && (await withRecoveryCodes(user.id)), {}) },
  // Passkeys, answered by a software authenticator (tests/helpers/software-authenticator.ts) so each call goes through.
  passkeyRegistrationOptionsAction: { guard: FRESH_ACCOUNT, expect: ANY_SIGNED_IN, input: () => ({ name: "Matrix laptop" }) },
  addPasskeyAction: { guard: FRESH_ACCOUNT, expect: ANY_SIGNED_IN, input: async (_w, user) => ({ name: "Matrix laptop", response: user ? await registrationAnswer(user) : "{}" }) },
  renamePasskeyAction: { guard: OWN_ACCOUNT, expect: ANY_SIGNED_IN, input: async (_w, user) => ({ passkeyId: user ? (await withPasskey(user)).credentialId : "none", name: "Renamed key" }) },
  // The caller's own passkey; with it their strongest factor, so it is what they step up with.
  removePasskeyAction: { guard: FRESH_ACCOUNT, expect: ANY_SIGNED_IN, input: async (_w, user) => ({ passkeyId: user ? (await withPasskeyConfirmedIfStepUpWas(user)).credentialId : "none" }) },
  passkeyStepUpOptionsAction: { guard: OWN_ACCOUNT, expect: ANY_SIGNED_IN, input: async (w, user) => (user && (await withPasskey(user)), project(w)) },
  confirmPasskeyAction: { guard: OWN_ACCOUNT, expect: ANY_SIGNED_IN, input: async (w, user) => ({ ...project(w), response: user ? await stepUpAnswer(user, await withPasskey(user)) : "{}" }) },
  createTeamAction: { guard: OWN_ACCOUNT, expect: ANY_SIGNED_IN, input: () => ({ name: "Another team" }) },
  changePasswordAction: { guard: OWN_ACCOUNT, expect: ANY_SIGNED_IN, input: () => ({ currentPassword: PASSWORD, newPassword: "a-brand-new-passphrase-9" }) },
  signOutEverywhereAction: { guard: OWN_ACCOUNT, expect: ANY_SIGNED_IN, input: () => ({}) },
  // One of the caller's own sessions (another user's is "already ended": tests/integration/user-sessions.test.ts).
  revokeSessionAction: {
    guard: OWN_ACCOUNT,
    expect: ANY_SIGNED_IN,
    input: async (_w, user) => ({ sessionId: user ? await startSession(user.id, { ip: "10.30.0.1", userAgent: "vitest" }) : "no-session" }),
  },
  acceptInvitationAction: {
    guard: VERIFIED_ACCOUNT,
    // The fixture's invite is for a fresh address, so every signed-in caller has the wrong email.
    expect: { anonymous: "signed_out", member: "denied", admin: "denied", owner: "denied", otherTeamOwner: "denied" },
    refusal: (w, user) => wrongEmailMessage(w.invitation.email, user.email),
    input: (w) => ({ token: w.invitation.token }),
  },
  createProjectAction: { guard: onTeam("project:create"), input: (w) => ({ ...team(w), name: "New project" }) },
  renameTeamAction: { guard: onTeam("team:rename"), input: (w) => ({ ...team(w), name: "Renamed team" }) },
  setDevelopmentSecretAccessAction: { guard: onTeam("team:development-access"), input: (w) => ({ ...team(w), membersMayReveal: "yes" }) },
  // Turning it off: turning it on also needs the owner's own second factor (tests/integration/second-factor-requirement.test.ts).
  setSecondFactorRequirementAction: { guard: onTeam("team:second-factor-requirement", { reauth: true }), input: (w) => ({ ...team(w), required: "no" }) },
  deleteTeamAction: { guard: onTeam("team:delete", { reauth: true }), input: (w) => ({ ...team(w), confirmation: w.team.name }) },
  inviteMemberAction: { guard: onTeam("members:invite"), input: (w) => ({ ...team(w), email: `new-${crypto.randomUUID()}@example.com`, role: "member" }) },
  revokeInvitationAction: { guard: onTeam("members:invite"), input: (w) => ({ ...team(w), invitationId: w.invitation.id }) },
  changeMemberRoleAction: {
    guard: onTeam("members:manage"),
    input: (w) => ({ ...team(w), userId: w.bystander.id, role: "admin", expectedRole: "member" }),
  },
  removeMemberAction: { guard: onTeam("members:manage"), input: (w) => ({ ...team(w), userId: w.bystander.id }) },
  transferOwnershipAction: { guard: onTeam("owners:manage"), input: (w) => ({ ...team(w), userId: w.bystander.id }) },
  leaveTeamAction: {
    guard: onTeam("team:view"),
    // The fixture team has one owner, who may not leave it ownerless.
    expect: { ...allowedBy("team:view"), owner: "denied" },
    refusal: () => LAST_OWNER,
    input: team,
  },
  renameProjectAction: { guard: onProject("project:rename"), input: (w) => ({ ...project(w), name: "Renamed" }) },
  deleteProjectAction: {
    guard: onProject("project:delete", { reauth: true }),
    input: (w) => ({ ...project(w), confirmation: w.project.name }),
  },
  revealIdentitySecretAction: { guard: onProject("secret:reveal", { environment: true, reauth: true, verifiedEmail: true, rateLimit: "reveal:user" }), input: inEnvironment },
  rotateIdentitySecretAction: {
    guard: onProject("secret:rotate", { environment: true, reauth: true, verifiedEmail: true }),
    input: (w, _user, environment) => ({ ...inEnvironment(w, null, environment), expectedSecretId: currentSecretOf(w, environment), grace: "1h" }),
  },
  expirePreviousSecretAction: {
    guard: onProject("secret:expire", { environment: true, reauth: true }),
    input: async (w, _user, environment) => {
      const expectedSecretId = currentSecretOf(w, environment);
      await rotateIdentitySecret({ environment, projectId: w.project.id, teamId: w.team.id, expectedSecretId, grace: "1h", actor: actorOf(w.owner) });
      const { previousSecretId } = await environmentSecrets(w.project.id, environment);
      return { ...inEnvironment(w, null, environment), previousSecretId: previousSecretId! };
    },
  },
  debugIdentityTokenAction: { guard: onProject("token:debug", { audit: true }), input: (w) => ({ ...project(w), token: "eyJhbGciOiJIUzI1NiJ9.e30.x" }) },
  generateTestTokenAction: { guard: onProject("token:debug", { environment: true, audit: true }), input: inEnvironment },
};

type RouteCall = { url: string; params?: Record<string, string | string[]> };
type RouteRow =
  | { public: string }
  /** Each call must give the row's outcome: 2xx ok, 401 signed_out, 403 denied, 404 not_found. */
  | { calls: (w: World) => RouteCall[]; expect: Expectation };

/** One row per exported handler: "<route dir> <METHOD>". Public rows say why no session is involved. */
const ROUTES: Record<string, RouteRow> = {
  "api/auth/[...nextauth] GET": { public: "next-auth's own sign-in, CSRF and session endpoints" },
  "api/auth/[...nextauth] POST": { public: "next-auth's own sign-in and sign-out endpoints" },
  "api/health GET": { public: "liveness for the load balancer: database reachable and migrations applied, no team data" },
  "api/v1/projects/[projectId]/integration-status GET": {
    // The Identity page's live panel: whoever may open the page may poll it.
    expect: allowedBy("project:view"),
    calls: (w) => [
      { url: `/api/v1/projects/${w.project.id}/integration-status`, params: { projectId: w.project.id } },
      { url: `/api/v1/projects/${w.project.id}/integration-status?env=development`, params: { projectId: w.project.id } },
    ],
  },
  "api/v1/projects/[projectId]/snippets/[stackId] GET": {
    // The Identity page's stack picker: whoever may open the page may load another stack's files.
    expect: allowedBy("project:view"),
    calls: (w) => [{ url: `/api/v1/projects/${w.project.id}/snippets/python`, params: { projectId: w.project.id, stackId: "python" } }],
  },
  "api/v1/audit-log/export GET": {
    // A member without audit:view gets the same 404 as another team: the route doesn't say the log exists.
    expect: { ...allowedBy("audit:view"), member: "not_found" },
    calls: (w) => [
      { url: `/api/v1/audit-log/export?teamId=${w.team.id}` },
      { url: `/api/v1/audit-log/export?teamId=${w.team.id}&projectId=${w.project.id}` },
    ],
  },
};

const actions = await discoverActions();
const routes = await discoverRouteHandlers();

async function outcomeOf(run: () => Promise<unknown>, refusal: string | null): Promise<string> {
  try {
    const result = (await run()) as { ok: boolean; error?: string; code?: string };
    if (result.ok) return "ok";
    if (result.error === SIGNED_OUT) return "signed_out";
    if (result.error === PROJECT_NOT_FOUND || result.error === TEAM_NOT_FOUND) return "not_found";
    if (result.code === REAUTH_REQUIRED) return "reauth";
    if (result.error === VERIFY_EMAIL_FIRST) return "unverified";
    if (result.error === SECOND_FACTOR_REQUIRED) return "second_factor";
    if (refusal !== null && result.error === refusal) return "denied";
    return `unexpected failure: ${result.error}`;
  } catch (error) {
    // redirect() is how some actions finish (delete, leave, accept): it means the action went through.
    if (String((error as { digest?: unknown }).digest ?? "").startsWith("NEXT_REDIRECT")) return "ok";
    throw error;
  }
}

beforeAll(async () => {
  passwordHash = await hashPassword(PASSWORD);
  // A deployment that can send mail, so the reset request goes through; nothing listens here, and no row
  // depends on a delivered email (failed sends are logged, an invite's link is still returned).
  process.env.SMTP_URL = "smtp://127.0.0.1:9";
});

describe("the expected-permissions table", () => {
  it("has a row for every exported server action, and no row for an action that doesn't exist", () => {
    expect(actions.duplicates, "two actions modules export the same name").toEqual([]);
    expect([...actions.byName.keys()].sort(), "actions exported by app/**/actions.ts vs rows in ACTIONS").toEqual(Object.keys(ACTIONS).sort());
  });

  it("every action is built with a declarative guard, the one its row expects", () => {
    for (const [name, action] of actions.byName) {
      const guard = guardOf(action);
      expect(guard, `${name} is built without projectAction/teamAction/accountAction/publicAction`).toBeDefined();
      if (ACTIONS[name]) expect(guard, name).toEqual(ACTIONS[name].guard);
    }
  });

  it("has a row for every exported route handler, and none for a handler that doesn't exist", () => {
    expect([...routes.keys()].sort(), "handlers in app/**/route.ts vs rows in ROUTES").toEqual(Object.keys(ROUTES).sort());
  });

  it("uses only known actors and outcomes", () => {
    for (const row of [...Object.values(ACTIONS), ...Object.values(ROUTES)]) {
      if ("public" in row) continue;
      const expectation = "guard" in row ? expectationOf(row) : row.expect;
      expect(Object.keys(expectation).sort()).toEqual([...ACTORS].sort());
      for (const outcome of Object.values(expectation)) expect(OUTCOMES).toContain(outcome);
    }
  });
});

/**
 * Calls the action as `actor` on a fresh world; `confirmed`: with the strongest factor confirmed just before
 * (the password, or with `secondFactor` a passkey owner's recovery code); `requireSecondFactor`: the team requires one.
 */
async function outcomeFor(
  name: string,
  row: ActionRow,
  actor: ActorName,
  confirmed: boolean,
  variant: Variant = DEFAULT_VARIANT,
  verified = true,
  factors: { requireSecondFactor?: boolean; secondFactor?: boolean } = {},
): Promise<string> {
  const world = await buildWorld({ membersRevealDevelopmentSecret: variant.membersRevealDevelopmentSecret });
  if (factors.requireSecondFactor) await db.team.update({ where: { id: world.team.id }, data: { requireSecondFactor: true } });
  const user = actingUser(world, actor);
  caller.cookies.clear();
  if (user) {
    await db.user.update({ where: { id: user.id }, data: { passwordHash, emailVerifiedAt: verified ? new Date() : null } });
    const codes = factors.secondFactor ? await withRecoveryCodes(user.id) : null;
    if (confirmed && codes) expect(await confirmCode(user.id, codes[0]!, "passkey")).toBe("recovery_code");
    else if (confirmed) expect(await confirmPassword(user.id, PASSWORD)).toBe(true);
  }
  const fields = await row.input(world, user, variant.environment);
  const permission = "permission" in row.guard ? row.guard.permission : null;
  const environment = actsOnEnvironment(row) ? variant.environment : undefined;
  const refusal = user ? (row.refusal?.(world, user) ?? (permission ? deniedMessage(permission, environment) : null)) : null;
  return outcomeOf(() => callAs(caller, actions.byName.get(name)!, user, fields), refusal);
}

const actionRows = Object.entries(ACTIONS).filter(([name]) => actions.byName.has(name));
/** Each row once; an environment action's once per variant. */
const actionCases = actionRows.flatMap(([name, row]) =>
  (actsOnEnvironment(row) ? VARIANTS : [DEFAULT_VARIANT]).map((variant) => [actsOnEnvironment(row) ? `${name} ${variantName(variant)}` : name, name, row, variant] as const),
);
describe.each(actionCases)("%s", (_title, name, row, variant) => {
  it.each(ACTORS)(`as %s`, async (actor) => {
    expect(await outcomeFor(name, row, actor, demandsPassword(row), variant)).toBe(expectationOf(row, variant)[actor]);
  });
});

// The server can send mail (beforeAll), so an address must be verified: the caller's isn't.
const verifiedEmailCases = actionCases.filter(([, , row]) => "verifiedEmail" in row.guard && row.guard.verifiedEmail);
describe.each(verifiedEmailCases)("%s, with the caller's email address not verified", (_title, name, row, variant) => {
  it.each(ACTORS)(`as %s`, async (actor) => {
    const expected = expectationOf(row, variant)[actor];
    // An account action has nothing to check before the address; a scoped one refuses a non-member or a role first.
    const unverified = row.guard.scope === "account" ? (expected === "signed_out" ? expected : "unverified") : expected === "ok" ? "unverified" : expected;
    expect(await outcomeFor(name, row, actor, demandsPassword(row), variant, false)).toBe(unverified);
  });
});

const passwordCases = actionCases.filter(([, , row]) => demandsPassword(row));
describe.each(passwordCases)("%s, without a password confirmed in the last 5 minutes", (_title, name, row, variant) => {
  it.each(ACTORS)(`as %s`, async (actor) => {
    expect(await outcomeFor(name, row, actor, false, variant)).toBe(askedForPassword(expectationOf(row, variant))[actor]);
  });
});

// The team requires a second factor: what touches a secret is refused to a caller without one (after who
// may, before the step-up), and allowed to one who has it and stepped up with it.
const GATED = ["secret:reveal", "secret:rotate", "secret:expire"];
const gatedCases = actionCases.filter(([, , row]) => "permission" in row.guard && GATED.includes(row.guard.permission));
describe.each(gatedCases)("%s, in a team requiring a second factor", (_title, name, row, variant) => {
  it.each(ACTORS)("as %s without a second factor", async (actor) => {
    const expected = expectationOf(row, variant)[actor];
    expect(await outcomeFor(name, row, actor, true, variant, true, { requireSecondFactor: true })).toBe(expected === "ok" ? "second_factor" : expected);
  });
  it.each(ACTORS)("as %s with a passkey, stepped up with a recovery code", async (actor) => {
    expect(await outcomeFor(name, row, actor, true, variant, true, { requireSecondFactor: true, secondFactor: true })).toBe(expectationOf(row, variant)[actor]);
  });
});

const environmentRows = actionRows.filter(([, row]) => actsOnEnvironment(row));
describe.each(environmentRows)("%s with no or an unknown environment", (name, row) => {
  it.each(["", "staging", "Production"])("environment %j is refused by name, before anything else", async (environment) => {
    const world = await buildWorld();
    caller.cookies.clear();
    await db.user.update({ where: { id: world.owner.id }, data: { passwordHash } });
    expect(await confirmPassword(world.owner.id, PASSWORD)).toBe(true);
    const fields = { ...(await row.input(world, world.owner, "production")), environment };
    const result = await callAs<{ ok: boolean; error?: string }>(caller, actions.byName.get(name)!, world.owner, fields);
    expect(result).toMatchObject({ ok: false, error: UNKNOWN_ENVIRONMENT });
  });
});

const protectedRoutes = Object.entries(ROUTES).flatMap(([key, row]) => (routes.has(key) && "calls" in row ? [[key, row] as const] : []));
describe.each(protectedRoutes)("%s", (key, row) => {
  it.each(ACTORS)("as %s", async (actor) => {
    const world = await buildWorld();
    caller.user = actingUser(world, actor);
    try {
      for (const call of row.calls(world)) {
        const request = new Request(new URL(call.url, "http://localhost"));
        const response = (await routes.get(key)!(request, { params: Promise.resolve(call.params ?? {}) })) as Response;
        await response.text(); // drain streamed bodies
        const { status } = response;
        const outcome = status < 300 ? "ok" : status === 401 ? "signed_out" : status === 403 ? "denied" : status === 404 ? "not_found" : `status ${status}`;
        expect(outcome, call.url).toBe(row.expect[actor]);
      }
    } finally {
      caller.user = null;
    }
  });
});
