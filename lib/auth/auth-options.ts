import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { serverConfig } from "@/lib/config/server-config";
import { authenticateWithPassword } from "@/lib/auth/credentials";
import { rememberPasswordProof } from "@/lib/auth/reauth";
import { clientAddressFromHeaders } from "@/lib/http/client-address";
import { UserFacingError } from "@/lib/result";
import { safeCallbackUrl } from "@/lib/auth/callback-url";

const SESSION_MAX_AGE_SECONDS = 7 * 24 * 60 * 60;

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
    await rememberPasswordProof(user.id, user.sessionVersion);
    return user;
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
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
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
