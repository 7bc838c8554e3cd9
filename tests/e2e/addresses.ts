// Fixed ports and client addresses per spec, so results never depend on which specs ran before, or
// on which other run shares the machine.
//
// Ports: the suite's server listens on E2E_PORT (3100 in the SQLite pass, 3200 in the PostgreSQL pass,
// side by side in npm test); a server a spec starts itself listens on E2E_PORT + its offset below
// (1–99), so each pass stays within its own hundred and no two specs share a port.
//
// Client addresses: the e2e server trusts loopback as a proxy (REQIO_TRUSTED_PROXIES=loopback in
// scripts/e2e-server.sh), so X-Forwarded-For is the client. Each spec that spends a per-IP budget
// (identify, sign-in, sign-up) sends from its own 10.<network>.0.0/16, its rate-limit namespace.

const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);

const PORT_OFFSETS = {
  "two-instances: instance B": 1,
  "startup: refused server": 10,
  "startup: no PostgreSQL here": 11,
  "customer-nextjs-app": 20,
  "stacks-node-run: Express": 21,
  "sign-up-email: server with SMTP": 30,
} as const;

/** The fixed port of a server a spec starts itself (see PORT_OFFSETS). */
export function specPort(name: keyof typeof PORT_OFFSETS): number {
  return E2E_PORT + PORT_OFFSETS[name];
}

const NETWORKS = {
  auth: 1,
  "deliberate-expire-delete": 2,
  diagnostics: 3,
  feedback: 4,
  "identify-api": 5,
  "live-status": 6,
  responsive: 7,
  rotation: 8,
  teams: 9,
  "two-instances": 10,
  widget: 11,
  account: 12,
  "team-management": 13,
  environments: 14,
  "sign-up-email": 15,
  "two-factor": 17,
  passkeys: 18,
  "second-factor-accessibility": 19,
} as const;

/** Fixed addresses 1–999 (10.n.0.1 …) for a spec's named clients; next() walks the rest of its /16. */
const FIXED = 999;
const SIZE = 65_534;

export function specClients(spec: keyof typeof NETWORKS) {
  const network = NETWORKS[spec];
  const address = (host: number) => `10.${network}.${host >> 8}.${host & 255}`;
  let fresh = 0;
  return {
    /** Client number `n` (1–999) of this spec: the same address on every run. */
    at(n: number): string {
      if (!Number.isInteger(n) || n < 1 || n > FIXED) throw new RangeError(`client ${n}: use 1-${FIXED}`);
      return address(n);
    },
    /** An address this spec hasn't used yet, for calls that must not share a per-IP budget (cycles after ~64,000). */
    next(): string {
      fresh = (fresh % (SIZE - FIXED)) + 1;
      return address(FIXED + fresh);
    },
  };
}
