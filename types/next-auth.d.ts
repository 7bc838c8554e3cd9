import "next-auth";
import "next-auth/jwt";

declare module "next-auth" {
  interface Session {
    user?: { id: string; name?: string | null; email?: string | null; image?: string | null; sessionVersion?: number; sessionId?: string };
  }
  interface User {
    /** Copied into the JWT at sign-in; see lib/auth/session-version.ts. */
    sessionVersion?: number;
    /** The UserSession row this sign-in created (lib/auth/user-sessions.ts). */
    sessionId?: string;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    sessionVersion?: number;
    sessionId?: string;
  }
}
