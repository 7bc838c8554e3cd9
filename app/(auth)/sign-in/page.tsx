import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { currentUser } from "@/lib/auth/session";
import { SignInForm } from "@/components/auth/sign-in-form";
import { safeCallbackUrl } from "@/lib/auth/callback-url";
import { serverConfig } from "@/lib/config/server-config";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  const next = safeCallbackUrl((await searchParams).callbackUrl, serverConfig().appUrl);
  if (await currentUser()) redirect(next);
  return (
    <>
      <h1 className="mb-4 text-xl font-semibold">Sign in</h1>
      <SignInForm callbackUrl={next} />
      <p className="mt-3 text-sm">
        <Link className="font-medium text-link underline" href="/forgot-password">Forgot your password?</Link>
      </p>
      <p className="mt-4 text-sm text-muted">
        New to Reqio?{" "}
        <Link className="font-medium text-link underline" href={next === "/" ? "/sign-up" : `/sign-up?callbackUrl=${encodeURIComponent(next)}`}>
          Create an account
        </Link>
      </p>
    </>
  );
}
