import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { serverConfig } from "@/lib/config/server-config";
import { authenticateWithPassword } from "@/lib/auth/credentials";
import { clientAddressFromHeaders } from "@/lib/http/client-address";
import { UserFacingError } from "@/lib/result";

const SESSION_MAX_AGE_SECONDS = 7 * 24 * 60 * 60;

let cached: NextAuthOptions | undefined;

/** Built on first use, not at import, so `next build` never needs runtime secrets. */
export function authOptions(): NextAuthOptions {
  cached ??= {
    secret: serverConfig().authSecret,
    // JWT sessions in an httpOnly, SameSite=Lax cookie (next-auth's defaults, asserted by the e2e suite).
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: "/sign-in" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: { email: { type: "email" }, password: { type: "password" } },
        async authorize(credentials, req) {
          const headers = (req.headers ?? {}) as Record<string, string | undefined>;
          try {
            return await authenticateWithPassword({
              email: credentials?.email ?? "",
              password: credentials?.password ?? "",
              ip: clientAddressFromHeaders((name) => headers[name]),
            });
          } catch (error) {
            // next-auth passes a thrown message to the sign-in form; only ours are safe to pass.
            if (error instanceof UserFacingError) throw new Error(error.message);
            throw new Error("Sign-in failed. Try again.");
          }
        },
      }),
    ],
    callbacks: {
      // Only at sign-in (`user` is set): later refreshes keep the version the session started with,
      // so a revoked session can't pick up the new one.
      jwt({ token, user }) {
        if (user) token.sessionVersion = user.sessionVersion;
        return token;
      },
      session({ session, token }) {
        if (session.user && token.sub) {
          session.user.id = token.sub;
          session.user.sessionVersion = token.sessionVersion;
        }
        return session;
      },
    },
  };
  return cached;
}
