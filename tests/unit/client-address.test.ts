import http, { type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it, vi } from "vitest";
import {
  CLIENT_ADDRESS_HEADER,
  CLIENT_ADDRESS_PROOF_HEADER,
  clientAddressFromHeaders,
  clientAddressOf,
  stampClientAddress,
  trustedProxiesFromEnv,
} from "@/lib/http/client-address";
import { ConfigError } from "@/lib/config/errors";

/** What clientAddressOf reads of a request: the socket's peer and the headers. */
const request = (remoteAddress: string, headers: Record<string, string> = {}) =>
  ({ socket: { remoteAddress }, headers }) as unknown as IncomingMessage;
const trust = (value: string) => trustedProxiesFromEnv({ REQIO_TRUSTED_PROXIES: value });
const untrusted = trustedProxiesFromEnv({});

describe("clientAddressOf", () => {
  it("is the socket's peer by default", () => {
    expect(clientAddressOf(request("203.0.113.9"), untrusted)).toBe("203.0.113.9");
    expect(clientAddressOf(request("2001:db8::7"), untrusted)).toBe("2001:db8::7");
  });

  it("ignores X-Forwarded-For by default: a client can't pick its own rate-limit key", () => {
    for (const xff of ["198.51.100.1", "198.51.100.1, 10.0.0.1", "unknown", ""]) {
      expect(clientAddressOf(request("203.0.113.9", { "x-forwarded-for": xff }), untrusted)).toBe("203.0.113.9");
    }
    // The process-wide default (REQIO_TRUSTED_PROXIES unset in this run) behaves the same.
    expect(clientAddressOf(request("203.0.113.9", { "x-forwarded-for": "198.51.100.1" }))).toBe("203.0.113.9");
  });

  it("normalises IPv4-mapped IPv6 (::ffff:1.2.3.4) to the IPv4 address", () => {
    expect(clientAddressOf(request("::ffff:192.0.2.1"), untrusted)).toBe("192.0.2.1");
    expect(clientAddressOf(request("::FFFF:192.0.2.1"), untrusted)).toBe("192.0.2.1");
    expect(clientAddressOf(request("::1"), untrusted)).toBe("::1");
    expect(clientAddressOf(request("::ffff:127.0.0.1", { "x-forwarded-for": "::ffff:198.51.100.7" }), trust("loopback"))).toBe("198.51.100.7");
  });

  it("a hop count trusts that many proxies: what they appended counts, what the client sent doesn't", () => {
    // The client forged 6.6.6.6; the one proxy in front (10.0.0.2) appended the address it saw.
    const oneProxy = request("10.0.0.2", { "x-forwarded-for": "6.6.6.6, 198.51.100.7" });
    expect(clientAddressOf(oneProxy, trust("1"))).toBe("198.51.100.7");
    const twoProxies = request("10.0.0.2", { "x-forwarded-for": "6.6.6.6, 198.51.100.7, 10.0.0.3" });
    expect(clientAddressOf(twoProxies, trust("2"))).toBe("198.51.100.7");
    expect(clientAddressOf(twoProxies, trust("1"))).toBe("10.0.0.3");
    expect(clientAddressOf(twoProxies, trust("0"))).toBe("10.0.0.2");
    // More trusted hops than entries: the farthest entry (there is nothing further).
    expect(clientAddressOf(request("10.0.0.2", { "x-forwarded-for": "198.51.100.7" }), trust("5"))).toBe("198.51.100.7");
  });

  it("a CIDR list trusts only those peers, and walks back through every trusted hop", () => {
    const cidr = trust("10.0.0.0/8, 192.168.1.1");
    expect(clientAddressOf(request("10.1.2.3", { "x-forwarded-for": "6.6.6.6, 198.51.100.7" }), cidr)).toBe("198.51.100.7");
    expect(clientAddressOf(request("10.1.2.3", { "x-forwarded-for": "198.51.100.7, 192.168.1.1, 10.9.9.9" }), cidr)).toBe("198.51.100.7");
    // A peer outside the list is the client, whatever it claims.
    expect(clientAddressOf(request("203.0.113.5", { "x-forwarded-for": "198.51.100.7" }), cidr)).toBe("203.0.113.5");
    expect(clientAddressOf(request("10.1.2.3"), cidr)).toBe("10.1.2.3");
    expect(clientAddressOf(request("172.16.0.9", { "x-forwarded-for": "198.51.100.7" }), trust("uniquelocal"))).toBe("198.51.100.7");
  });
});

describe("trustedProxiesFromEnv", () => {
  it.each(["", "  ", "0", "1", "2", "loopback", "loopback, 10.0.0.0/8", "uniquelocal,linklocal", "fd00::/8", "192.168.0.0/255.255.0.0"])(
    "accepts %j",
    (value) => {
      expect(typeof trust(value)).toBe("function");
    },
  );

  it.each(["yes", "true", "*", "-1", "1.5", "1, loopback", "10.0.0.0/33", "loopback,,10.0.0.1", "10.0.0.300", "127.1", "localhost", "99999999999999999999"])(
    "refuses %j with a ConfigError naming the variable and what it accepts",
    (value) => {
      expect(() => trust(value)).toThrow(ConfigError);
      expect(() => trust(value)).toThrow(/^REQIO_TRUSTED_PROXIES .*hop count.*loopback.*uniquelocal/);
    },
  );
});

/** A real node:http server that stamps every request and answers what clientAddressFromHeaders reads. */
async function withStampingServer<T>(work: (url: string) => Promise<T>, stamp = true): Promise<T> {
  const server = http.createServer((req, res) => {
    if (stamp) stampClientAddress(req);
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(name, value);
    const duplicates = req.rawHeaders.filter((name) => name.toLowerCase() === CLIENT_ADDRESS_HEADER).length;
    res.end(JSON.stringify({ address: clientAddressFromHeaders((name) => headers.get(name)), duplicates }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  try {
    return await work(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

describe("stampClientAddress and clientAddressFromHeaders", () => {
  const forged = { [CLIENT_ADDRESS_HEADER]: "6.6.6.6", [CLIENT_ADDRESS_PROOF_HEADER]: "forged", "x-forwarded-for": "6.6.6.6" };

  it("replaces a client's x-reqio-client-address (and proof) with the socket's address", async () => {
    const answer = await withStampingServer(async (url) => (await fetch(url, { headers: forged })).json());
    expect(answer).toEqual({ address: "127.0.0.1", duplicates: 1 });
  });

  it("ignores a forged x-reqio-client-address that arrives without the proof", async () => {
    const answer = await withStampingServer(async (url) => (await fetch(url, { headers: forged })).json(), false);
    expect(answer).toMatchObject({ address: "unstamped" });
    const headers = new Headers({ [CLIENT_ADDRESS_HEADER]: "6.6.6.6" });
    expect(clientAddressFromHeaders((name) => headers.get(name))).toBe("unstamped");
    expect(clientAddressFromHeaders(() => null)).toBe("unstamped");
  });

  it("never falls back to X-Forwarded-For", () => {
    const headers = new Headers({ "x-forwarded-for": "198.51.100.7", "x-real-ip": "198.51.100.7" });
    expect(clientAddressFromHeaders((name) => headers.get(name))).toBe("unstamped");
  });

  it("a second copy of the module (Next's bundle beside the server entry) accepts the first one's stamp", async () => {
    const stamped = request("198.51.100.20");
    (stamped as { rawHeaders: string[] }).rawHeaders = [];
    stampClientAddress(stamped, untrusted);
    vi.resetModules();
    const copy = await import("@/lib/http/client-address");
    expect(copy.clientAddressFromHeaders).not.toBe(clientAddressFromHeaders);
    expect(copy.clientAddressFromHeaders((name) => stamped.headers[name] as string | undefined)).toBe("198.51.100.20");
  });
});
