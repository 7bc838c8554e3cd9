// What the Next.js and Node.js minting modules share: the error for a missing secret and jose's signing.

/** The message (a JavaScript string literal) thrown when REQIO_SECRET is empty. */
export const MISSING_SECRET = `"REQIO_SECRET is not set: copy it from Reqio > Project > Settings > Identity"`;

/** The body of mintReqioToken() once `secret` is read and `SignJWT` is in scope, at its two-space indent. */
export const JOSE_SIGNING = `  const now = Math.floor(Date.now() / 1000);

  return new SignJWT({
    sub: user.id,
    ...(user.email ? { email: user.email } : {}), // Reqio rejects an empty email: omit it instead
    traits: { plan: user.plan, amount: user.planAmount, interval: user.billingInterval },
  })
    .setProtectedHeader({ alg: "HS256" })
    .setAudience(REQIO_AUDIENCE)
    .setIssuedAt(now)
    .setExpirationTime(now + 300)
    .sign(new TextEncoder().encode(secret));`;
