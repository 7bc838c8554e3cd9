// A passkey in software for tests without a browser: an ES256 key pair that answers registration and
// authentication options the way a platform authenticator does ("none" attestation), so the real
// @simplewebauthn/server checks run against real signatures. Browsers are tested with Chromium's
// virtual authenticator (tests/e2e/passkeys.spec.ts).
import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from "node:crypto";
import { isoBase64URL, isoCBOR } from "@simplewebauthn/server/helpers";

const FLAG_UP = 0x01;
const FLAG_UV = 0x04;
const FLAG_AT = 0x40;

type Origin = { rpID: string; origin: string };
type ClientData = { type: "webauthn.create" | "webauthn.get"; challenge: string; origin: string };

const sha256 = (data: Uint8Array | string) => createHash("sha256").update(data).digest();
const b64 = (bytes: Uint8Array) => isoBase64URL.fromBuffer(new Uint8Array(bytes));

function clientDataJSON(data: ClientData): Buffer {
  return Buffer.from(JSON.stringify({ ...data, crossOrigin: false }), "utf8");
}

export class SoftwareAuthenticator {
  readonly credentialId: string;
  private readonly rawId: Buffer;
  private readonly privateKey: KeyObject;
  /** The credential's public key as COSE (what the Passkey row stores). */
  readonly cosePublicKey: Uint8Array;
  /** The signature counter it last reported (0 stays 0: an authenticator that does not count). */
  counter: number;

  constructor({ counter = 1 }: { counter?: number } = {}) {
    this.rawId = randomBytes(16);
    this.credentialId = b64(this.rawId);
    const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
    this.privateKey = privateKey;
    const jwk = publicKey.export({ format: "jwk" });
    // COSE_Key: kty EC2 (2), alg ES256 (-7), crv P-256 (1), x, y.
    this.cosePublicKey = isoCBOR.encode(
      new Map<number, number | Uint8Array>([
        [1, 2],
        [3, -7],
        [-1, 1],
        [-2, Buffer.from(jwk.x!, "base64url")],
        [-3, Buffer.from(jwk.y!, "base64url")],
      ]),
    );
    this.counter = counter;
  }

  private authenticatorData(rpID: string, flags: number, attested: boolean): Buffer {
    const count = Buffer.alloc(4);
    count.writeUInt32BE(this.counter);
    const parts: Buffer[] = [sha256(rpID), Buffer.from([flags | (attested ? FLAG_AT : 0)]), count];
    if (attested) {
      const idLength = Buffer.alloc(2);
      idLength.writeUInt16BE(this.rawId.length);
      parts.push(Buffer.alloc(16), idLength, this.rawId, Buffer.from(this.cosePublicKey)); // AAGUID all zero, like "none" attestation
    }
    return Buffer.concat(parts);
  }

  /** The JSON RegistrationResponse startRegistration() would give for `challenge` (the options' challenge). */
  register({ rpID, origin }: Origin, challenge: string, { userPresent = true } = {}): string {
    const authData = this.authenticatorData(rpID, (userPresent ? FLAG_UP : 0) | FLAG_UV, true);
    const attestationObject = isoCBOR.encode(new Map<string, unknown>([["fmt", "none"], ["attStmt", new Map()], ["authData", authData]]) as never);
    return JSON.stringify({
      id: this.credentialId,
      rawId: this.credentialId,
      type: "public-key",
      clientExtensionResults: {},
      authenticatorAttachment: "platform",
      response: { clientDataJSON: b64(clientDataJSON({ type: "webauthn.create", challenge, origin })), attestationObject: b64(attestationObject), transports: ["internal"] },
    });
  }

  /** The JSON AuthenticationResponse startAuthentication() would give, signed with this key, its counter moved on first. */
  authenticate({ rpID, origin }: Origin, challenge: string, overrides: { type?: ClientData["type"]; credentialId?: string } = {}): string {
    if (this.counter > 0) this.counter += 1;
    const authData = this.authenticatorData(rpID, FLAG_UP | FLAG_UV, false);
    const client = clientDataJSON({ type: overrides.type ?? "webauthn.get", challenge, origin });
    const signature = sign("sha256", Buffer.concat([authData, sha256(client)]), this.privateKey); // DER, as authenticators send it
    const id = overrides.credentialId ?? this.credentialId;
    return JSON.stringify({
      id,
      rawId: id,
      type: "public-key",
      clientExtensionResults: {},
      authenticatorAttachment: "platform",
      response: { clientDataJSON: b64(client), authenticatorData: b64(authData), signature: b64(signature) },
    });
  }
}
