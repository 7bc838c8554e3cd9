// What a person can prove, weakest first. No server-only imports: the step-up prompt picks its form from it.

/** A factor a user can have on their account: the strongest one they have is what step-up asks for. */
export const FACTORS = ["password", "totp", "passkey"] as const;
export type Factor = (typeof FACTORS)[number];

/** What a step-up can be proved with: a factor, or a single-use recovery code (stands in for a lost second factor). */
export type Proof = Factor | "recovery_code";
export const PROOFS: readonly Proof[] = [...FACTORS, "recovery_code"];

const STRENGTH: Record<Proof, number> = { password: 0, totp: 1, passkey: 2, recovery_code: 2 };

/** Whether a proof is as strong as the factor asked for (a passkey owner can't step up with a TOTP code). */
export function proofSatisfies(proof: Proof, required: Factor): boolean {
  return STRENGTH[proof] >= STRENGTH[required];
}

export function isProof(value: string): value is Proof {
  return (PROOFS as readonly string[]).includes(value);
}

export const FACTOR_NAMES: Record<Proof, string> = {
  password: "password",
  totp: "authenticator app",
  passkey: "passkey",
  recovery_code: "recovery code",
};
