"use client";
import { signOut } from "next-auth/react";
import { Button } from "@/components/ui/button";

export function SignOutButton({ callbackUrl = "/sign-in", label = "Sign out", variant = "ghost" }: {
  callbackUrl?: string;
  label?: string;
  variant?: "ghost" | "secondary";
}) {
  return (
    <Button variant={variant} onClick={() => signOut({ callbackUrl })}>
      {label}
    </Button>
  );
}
