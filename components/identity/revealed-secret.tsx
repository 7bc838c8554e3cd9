"use client";
import { createContext, useContext, useState, type ReactNode } from "react";
import type { SecretView } from "@/lib/identity/secret-view";

export type RevealedSecret = SecretView & { justRotated: boolean };

type RevealedSecretState = { revealed: RevealedSecret | null; setRevealed: (value: RevealedSecret | null) => void };

const RevealedSecretContext = createContext<RevealedSecretState | null>(null);

/** Shares a revealed secret between the secret panel and the `.env` snippet; it lives only in memory. */
export function RevealedSecretProvider({ children }: { children: ReactNode }) {
  const [revealed, setRevealed] = useState<RevealedSecret | null>(null);
  return <RevealedSecretContext value={{ revealed, setRevealed }}>{children}</RevealedSecretContext>;
}

export function useRevealedSecret(): RevealedSecretState {
  const state = useContext(RevealedSecretContext);
  if (!state) throw new Error("useRevealedSecret must be used inside RevealedSecretProvider");
  return state;
}
