// The caller's address, as far as it can be trusted. Plain Node (no "server-only", no next/*): the
// HTTP server entry and the Next bundle both use it, in one process.
import { randomBytes, timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { isIP } from "node:net";
import proxyaddr from "proxy-addr";
import { ConfigError } from "@/lib/config/errors";
import type { Env } from "@/lib/config/env";

/** Is the hop at `address`, `hop` steps from this server (0: the socket's peer), a proxy we trust? */
export type TrustedProxies = (address: string, hop: number) => boolean;

export const CLIENT_ADDRESS_HEADER = "x-reqio-client-address";
export const CLIENT_ADDRESS_PROOF_HEADER = "x-reqio-client-address-proof";
/** What clientAddressFromHeaders answers for a request the server didn't stamp. */
export const UNSTAMPED = "unstamped";

const TRUST_NONE: TrustedProxies = () => false;
const NAMED_RANGES = new Set(["loopback", "linklocal", "uniquelocal"]);
const USAGE =
  'Set a hop count (e.g. 1 for one proxy in front) or a comma-separated list of addresses, CIDRs and names ' +
  '(loopback, linklocal, uniquelocal), e.g. "loopback, 10.0.0.0/8"; leave it unset when clients connect directly.';

/**
 * REQIO_TRUSTED_PROXIES: whose X-Forwarded-For entries count. Unset: nobody's (the socket's peer is
 * the client). A hop count n trusts the n nearest hops; a list trusts those addresses (proxy-addr,
 * Express's implementation). An invalid value is a ConfigError (startup stops).
 */
export function trustedProxiesFromEnv(env: Env = process.env): TrustedProxies {
  const raw = env.REQIO_TRUSTED_PROXIES?.trim();
  if (!raw) return TRUST_NONE;
  if (/^\d+$/.test(raw)) {
    const hops = Number(raw);
    if (!Number.isSafeInteger(hops)) throw new ConfigError(`REQIO_TRUSTED_PROXIES "${raw}" is not a usable hop count. ${USAGE}`);
    return hops === 0 ? TRUST_NONE : (_address, hop) => hop < hops;
  }
  const entries = raw.split(",").map((entry) => entry.trim());
  if (entries.some((entry) => !entry)) throw new ConfigError(`REQIO_TRUSTED_PROXIES "${raw}" has an empty entry. ${USAGE}`);
  // proxy-addr (ipaddr.js) also takes shorthand like "1" for 0.0.0.1: only canonical addresses here.
  const notAnAddress = entries.find((entry) => !NAMED_RANGES.has(entry) && !isIP(entry.replace(/\/[^/]*$/, "")));
  if (notAnAddress) throw new ConfigError(`REQIO_TRUSTED_PROXIES "${raw}": "${notAnAddress}" is not an address, a CIDR or a name. ${USAGE}`);
  try {
    return proxyaddr.compile(entries);
  } catch (error) {
    throw new ConfigError(`REQIO_TRUSTED_PROXIES "${raw}" is invalid (${(error as Error).message}). ${USAGE}`);
  }
}

let processTrust: TrustedProxies | undefined;

/** `::ffff:1.2.3.4` (an IPv4 client on a dual-stack socket) is `1.2.3.4`. */
function normalise(address: string | undefined): string {
  if (!address) return "unknown";
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  return mapped?.[1] ?? address;
}

/**
 * The client's address: the socket's peer, or, through REQIO_TRUSTED_PROXIES (read once per
 * process), the nearest X-Forwarded-For entry not added by a trusted proxy.
 */
export function clientAddressOf(request: IncomingMessage, trust: TrustedProxies = (processTrust ??= trustedProxiesFromEnv())): string {
  if (trust === TRUST_NONE) return normalise(request.socket?.remoteAddress);
  return normalise(proxyaddr(request, trust));
}

/** A random token per process, shared by every copy of this module (Next's bundle and the server entry). */
const PROOF = Symbol.for("reqio.client-address-proof");
function proofToken(): string {
  const holder = globalThis as { [PROOF]?: string };
  return (holder[PROOF] ??= randomBytes(32).toString("base64url"));
}

/**
 * Called by the HTTP server on every request before Next sees it: replaces any incoming
 * x-reqio-client-address with clientAddressOf(request), with the per-process proof beside it.
 */
export function stampClientAddress(request: IncomingMessage, trust?: TrustedProxies): void {
  const address = clientAddressOf(request, trust);
  const proof = proofToken();
  request.headers[CLIENT_ADDRESS_HEADER] = address;
  request.headers[CLIENT_ADDRESS_PROOF_HEADER] = proof;
  const raw = request.rawHeaders;
  for (let i = raw.length - 2; i >= 0; i -= 2) {
    const name = raw[i]?.toLowerCase();
    if (name === CLIENT_ADDRESS_HEADER || name === CLIENT_ADDRESS_PROOF_HEADER) raw.splice(i, 2);
  }
  raw.push(CLIENT_ADDRESS_HEADER, address, CLIENT_ADDRESS_PROOF_HEADER, proof);
}

/**
 * For code that sees only headers (route handlers, server actions, next-auth): the stamped address
 * if its proof is this process's token, else "unstamped". X-Forwarded-For is never read here.
 */
export function clientAddressFromHeaders(get: (name: string) => string | null | undefined): string {
  const address = get(CLIENT_ADDRESS_HEADER);
  const proof = Buffer.from(get(CLIENT_ADDRESS_PROOF_HEADER) ?? "");
  const expected = Buffer.from(proofToken());
  if (!address || proof.length !== expected.length || !timingSafeEqual(proof, expected)) return UNSTAMPED;
  return address;
}
