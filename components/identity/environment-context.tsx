"use client";
import { createContext, useContext, type ReactNode } from "react";
import type { Environment } from "@/lib/identity/environments";

const EnvironmentContext = createContext<Environment>("production");

/** The environment the Identity page shows (its `?env=`): every secret form below acts on it. */
export function EnvironmentProvider({ environment, children }: { environment: Environment; children: ReactNode }) {
  return <EnvironmentContext value={environment}>{children}</EnvironmentContext>;
}

export function useEnvironment(): Environment {
  return useContext(EnvironmentContext);
}

/** The `environment` field an environment action's guard reads (lib/actions/guarded-actions.ts). */
export function EnvironmentField() {
  return <input type="hidden" name="environment" value={useEnvironment()} />;
}
