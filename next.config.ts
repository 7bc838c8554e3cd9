import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // Lets parallel local runs (several engineers, benchmarks) build without sharing one .next folder.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // Native addon + driver adapter stay plain Node requires instead of being bundled.
  serverExternalPackages: ["better-sqlite3", "@prisma/adapter-better-sqlite3"],
  // `npm test` type-checks the whole repo (tsc --noEmit) before building; don't do it twice.
  typescript: { ignoreBuildErrors: true },
};

export default nextConfig;
