import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { currentUser } from "@/lib/auth/session";
import { PASSWORD_MIN_LENGTH } from "@/lib/auth/password-policy";
import { SignUpForm } from "@/components/auth/sign-up-form";
import { safeCallbackUrl } from "@/lib/auth/callback-url";
import { serverConfig } from "@/lib/config/server-config";
import { emailVerificationRequired } from "@/lib/account/email-verification";
import { signUpAction } from "./actions";

export const metadata: Metadata = { title: "Create your account" };

type Props = { searchParams: Promise<{ callbackUrl?: string; email?: string }> };

/** From an invite link: `?callbackUrl=/invite/…&email=…` prefills the invited address and returns there. */
export default async function SignUpPage({ searchParams }: Props) {
  const { callbackUrl, email } = await searchParams;
  const next = safeCallbackUrl(callbackUrl, serverConfig().appUrl);
  if (await currentUser()) redirect(next);
  return (
    <>
      <h1 className="mb-1 text-xl font-semibold">Create your account</h1>
      <p className="mb-4 text-sm text-muted">
        You'll get a team of your own; invite others later.{emailVerificationRequired() && " We'll email you a link to confirm your address."}
      </p>
      <SignUpForm action={signUpAction} passwordMinLength={PASSWORD_MIN_LENGTH} callbackUrl={next} defaultEmail={email?.slice(0, 254)} />
      <p className="mt-4 text-sm text-muted">
        Already have an account?{" "}
        <Link className="font-medium text-link underline" href={next === "/" ? "/sign-in" : `/sign-in?callbackUrl=${encodeURIComponent(next)}`}>
          Sign in
        </Link>
      </p>
    </>
  );
}
