"use client";
import { useState } from "react";
import { Field } from "@/components/ui/field";

export type TypeToConfirm = { name: string; typed: string; setTyped: (typed: string) => void; confirmed: boolean };

/** A destructive action's name typed back: confirmed once it matches, spaces around it aside (the server checks again). */
export function useTypeToConfirm(name: string): TypeToConfirm {
  const [typed, setTyped] = useState("");
  return { name, typed, setTyped, confirmed: typed.trim() === name };
}

/** The field the name is typed into, posted as `confirmation`. */
export function TypeToConfirmField({ confirm, error }: { confirm: TypeToConfirm; error?: string }) {
  return (
    <Field
      label={`Type "${confirm.name}" to confirm`}
      name="confirmation"
      autoComplete="off"
      value={confirm.typed}
      onChange={(event) => confirm.setTyped(event.target.value)}
      error={error}
    />
  );
}
