// Stand-in for the "server-only" marker package: under Vitest (plain Node, no "react-server"
// condition) the real package throws on import, so vitest.config.ts aliases it here.
export {};
