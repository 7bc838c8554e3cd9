import { z } from "zod";
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from "@simplewebauthn/server";

// What the browser's answer must look like before the library reads it: a malformed one is refused by
// name here instead of surfacing as the library's TypeError.

const base64url = z.string().min(1).max(8192).regex(/^[A-Za-z0-9_-]+={0,2}$/);
const TRANSPORTS = ["ble", "cable", "hybrid", "internal", "nfc", "smart-card", "usb"] as const;

const common = {
  id: base64url,
  rawId: base64url,
  type: z.literal("public-key"),
  clientExtensionResults: z.record(z.string(), z.unknown()),
  authenticatorAttachment: z.enum(["platform", "cross-platform"]).optional(),
};

const registrationSchema = z.object({
  ...common,
  response: z.object({
    clientDataJSON: base64url,
    attestationObject: base64url,
    authenticatorData: base64url.optional(),
    // Unknown transports (newer browsers) are dropped rather than refused: they only hint where to look.
    transports: z.array(z.string().max(32)).max(16).optional().transform((list) => list?.filter((t): t is (typeof TRANSPORTS)[number] => (TRANSPORTS as readonly string[]).includes(t))),
    publicKeyAlgorithm: z.number().int().optional(),
    publicKey: base64url.optional(),
  }),
});

const authenticationSchema = z.object({
  ...common,
  response: z.object({
    clientDataJSON: base64url,
    authenticatorData: base64url,
    signature: base64url,
    userHandle: base64url.optional(),
  }),
});

export const MALFORMED_ANSWER = "Your browser's passkey answer was incomplete or malformed. Try again.";

function parseJson<T>(schema: z.ZodType<T>, text: string): T | null {
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export const parseRegistrationResponse = (text: string) => parseJson(registrationSchema, text) as RegistrationResponseJSON | null;
export const parseAuthenticationResponse = (text: string) => parseJson(authenticationSchema, text) as AuthenticationResponseJSON | null;

/** Stored comma-separated on the Passkey row, as the browser reported them. */
export const joinTransports = (transports: readonly string[] | undefined) => (transports ?? []).join(",");
export const splitTransports = (stored: string) => stored.split(",").filter((t): t is (typeof TRANSPORTS)[number] => (TRANSPORTS as readonly string[]).includes(t));
