import type { Metadata } from "next";
import { currentUser } from "@/lib/auth/session";
import { VerifyEmailForm } from "@/components/auth/verify-email-form";
import { verifyEmailAction } from "./actions";

export const metadata: Metadata = { title: "Verify your email address", referrer: "no-referrer" };

// A button, not a write on GET: mail scanners that open every link must not verify an address for its owner.
export default async function VerifyEmailPage({ params }: { params: Promise<{ token: string }> }) {
  const [{ token }, user] = await Promise.all([params, currentUser()]);
  return (
    <>
      <h1 className="mb-4 text-xl font-semibold">Verify your email address</h1>
      <VerifyEmailForm action={verifyEmailAction} token={token} signedIn={user !== null} />
    </>
  );
}
