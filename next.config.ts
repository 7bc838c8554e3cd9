import type { NextConfig } from "next";

/**
 * Origins allowed to post server actions besides the request's own host: APP_URL's host (a TLS proxy
 * may forward a different Host) plus REQIO_ALLOWED_ORIGINS (comma-separated hosts, e.g. "*.example.com").
 */
function serverActionOrigins(): string[] {
  const hosts = (process.env.REQIO_ALLOWED_ORIGINS ?? "").split(",").map((host) => host.trim()).filter(Boolean);
  try {
    if (process.env.APP_URL) hosts.unshift(new URL(process.env.APP_URL).host);
  } catch {
    // A malformed APP_URL is reported with a clear message by the startup check.
  }
  return hosts;
}

const nextConfig: NextConfig = {
  experimental: { serverActions: { allowedOrigins: serverActionOrigins() } },
  poweredByHeader: false,
  // Lets parallel local runs (several engineers, benchmarks) build without sharing one .next folder.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // Native addon + driver adapter stay plain Node requires instead of being bundled.
  serverExternalPackages: ["better-sqlite3", "@prisma/adapter-better-sqlite3"],
  // Type errors fail the build. It checks what it compiles (tsconfig.build.json); `npm run typecheck` checks everything.
  typescript: { tsconfigPath: "tsconfig.build.json" },
  // The widget script is loaded by customers' sites: readable cross-origin (crossorigin="anonymous",
  // SRI) and sniff-proof. proxy.ts skips it, so these are its only extra headers.
  async headers() {
    return [
      {
        source: "/widget.js",
        headers: [
          { key: "Access-Control-Allow-Origin", value: "*" },
          { key: "Cross-Origin-Resource-Policy", value: "cross-origin" },
          { key: "X-Content-Type-Options", value: "nosniff" },
        ],
      },
    ];
  },
};

export default nextConfig;
