import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { serverConfig } from "@/lib/config/server-config";
import { authenticateWithPassword } from "@/lib/auth/credentials";
import { rememberReauthProof } from "@/lib/auth/reauth";
import { clientAddressFromHeaders } from "@/lib/http/client-address";
import { UserFacingError } from "@/lib/result";
import { safeCallbackUrl } from "@/lib/auth/callback-url";
import { endSession, findLiveSession, SESSION_IDLE_SECONDS, startSession } from "@/lib/auth/user-sessions";
import { log } from "@/lib/log";

/** Thrown by the jwt callback for a cookie whose session ended: next-auth then clears it instead of renewing it. */
class SessionEnded extends Error {}

let cached: NextAuthOptions | undefined;

type Credentials = Partial<Record<"email" | "password", string>>;

/** The credentials provider's check, for sign-in and for sign-up's automatic sign-in. */
export async function authorizeCredentials(credentials: Credentials | undefined, req: { headers?: Record<string, unknown> }) {
  const headers = (req.headers ?? {}) as Record<string, string | undefined>;
  try {
    const user = await authenticateWithPassword({
      email: credentials?.email ?? "",
      password: credentials?.password ?? "",
      ip: clientAddressFromHeaders((name) => headers[name]),
    });
    // The password just typed counts as a fresh confirmation: no second prompt on the first Reveal.
    await rememberReauthProof(user.id, user.sessionVersion, "password");
    const sessionId = await startSession(user.id, {
      ip: clientAddressFromHeaders((name) => headers[name]),
      userAgent: typeof headers["user-agent"] === "string" ? headers["user-agent"] : "",
    });
    return { ...user, sessionId };
  } catch (error) {
    // next-auth passes a thrown message to the sign-in form; only ours are safe to pass.
    if (error instanceof UserFacingError) throw new Error(error.message);
    throw new Error("Sign-in failed. Try again.");
  }
}

/** Built on first use, not at import, so `next build` never needs runtime secrets. */
export function authOptions(): NextAuthOptions {
  cached ??= {
    secret: serverConfig().authSecret,
    // JWT sessions in an httpOnly, SameSite=Lax cookie (next-auth's defaults, asserted by the e2e suite).
    session: { strategy: "jwt", maxAge: SESSION_IDLE_SECONDS },
    pages: { signIn: "/sign-in" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: { email: { type: "email" }, password: { type: "password" } },
        authorize: authorizeCredentials,
      }),
    ],
    callbacks: {
      // next-auth's own redirects (sign-out's callbackUrl) follow the same rule as the sign-in page's.
      redirect: ({ url, baseUrl }) => `${baseUrl}${safeCallbackUrl(url, baseUrl)}`,
      // At sign-in (`user` is set) the token gets its session and version; later refreshes keep both,
      // so a revoked session can't pick up new ones. Every later call checks the session still exists.
      async jwt({ token, user }) {
        if (user) return { ...token, sessionVersion: user.sessionVersion, sessionId: user.sessionId };
        // A database that can't answer decides nothing: currentUser() asks again and reports the outage.
        const session = await findLiveSession(token.sessionId).catch(() => undefined);
        if (session === null || (session && session.user.id !== token.sub)) throw new SessionEnded();
        return token;
      },
      session({ session, token }) {
        if (session.user && token.sub) {
          session.user.id = token.sub;
          session.user.sessionVersion = token.sessionVersion;
          session.user.sessionId = token.sessionId;
        }
        return session;
      },
    },
    events: {
      signOut: ({ token }) => endSession(token?.sessionId),
    },
    // An ended session is an ordinary sign-out, not an error; nothing next-auth logs may carry a token.
    logger: {
      error: (code, metadata) => {
        const cause = metadata instanceof Error ? metadata : (metadata as { error?: unknown } | undefined)?.error;
        if (code === "JWT_SESSION_ERROR" && cause instanceof SessionEnded) return;
        log("error", "next-auth error", { code, error: cause instanceof Error ? cause.name : "unknown" });
      },
      warn: (code) => log("warn", "next-auth warning", { code }),
      debug: () => {},
    },
  };
  return cached;
}
