// @simplewebauthn/server throws plain Errors whose messages name the check that failed (and echo the
// challenge or origin): turned here into what the person can do about it, never passed on as they are.

const FAILURES: [RegExp, string][] = [
  [/challenge/i, "That passkey answer was for another request (another tab?). Start again."],
  [/origin/i, "That passkey answer came from another site, not this dashboard. Start again from this page."],
  [/RP ID/i, "That passkey belongs to another site. Use a passkey you added to this account."],
  [/counter/i, "This passkey's use counter went backwards, which a copied passkey would do, so it wasn't accepted. Use another passkey or a recovery code, and consider removing this one."],
  [/not present|presence/i, "Your passkey didn't confirm you were there. Try again, and touch or unlock it when asked."],
  [/alg/i, "This passkey signs with an algorithm Reqio doesn't accept. Try another passkey."],
  [/response type/i, "That was a passkey answer of the wrong kind. Start again."],
];

export const UNVERIFIED_ANSWER = "Your passkey's answer couldn't be verified. Try again, or use a recovery code.";

export function verifyFailureMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : "";
  return FAILURES.find(([pattern]) => pattern.test(message))?.[1] ?? UNVERIFIED_ANSWER;
}
