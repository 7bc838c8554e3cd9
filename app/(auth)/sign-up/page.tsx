import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { currentUser } from "@/lib/auth/session";
import { PASSWORD_MIN_LENGTH } from "@/lib/auth/password-policy";
import { SignUpForm } from "@/components/auth/sign-up-form";
import { signUpAction } from "./actions";

export const metadata: Metadata = { title: "Create your account" };

export default async function SignUpPage() {
  if (await currentUser()) redirect("/");
  return (
    <>
      <h1 className="mb-1 text-xl font-semibold">Create your account</h1>
      <p className="mb-4 text-sm text-zinc-600">You'll get a team of your own; invite others later.</p>
      <SignUpForm action={signUpAction} passwordMinLength={PASSWORD_MIN_LENGTH} />
      <p className="mt-4 text-sm text-zinc-600">
        Already have an account? <Link className="font-medium text-indigo-700 underline" href="/sign-in">Sign in</Link>
      </p>
    </>
  );
}
