"use client";
import { EnvironmentField } from "@/components/identity/environment-context";
import { useActionState, useEffect, useRef, useState } from "react";
import { onOpenInDebugger } from "@/components/identity/debugger-handoff";
import { ActionForm } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import { FormStatus } from "@/components/ui/form-status";
import { TokenChecklist } from "@/components/identity/token-checklist";
import type { ActionResult } from "@/lib/result";
import type { FormAction } from "@/lib/actions/form-action";
import type { DebugResult } from "@/lib/identity/token-debugger";

/** Paste a token, see every check; or mint a sample one with the current secret, without revealing it. */
export function TokenDebugger({ projectId, debugAction, generateAction }: {
  projectId: string;
  debugAction: FormAction<DebugResult>;
  generateAction: FormAction<DebugResult>;
}) {
  const [token, setToken] = useState("");
  const field = useRef<HTMLTextAreaElement>(null);
  // "Open in debugger" on the status panel fills the field with a stored example (claims, no signature).
  useEffect(() => onOpenInDebugger((example) => {
    setToken(example);
    field.current?.scrollIntoView({ block: "center" });
    field.current?.focus();
  }), []);
  const run = (action: FormAction<DebugResult>) => async (previous: ActionResult<DebugResult> | null, formData: FormData) => {
    const result = await action(previous, formData);
    if (result.ok) setToken(result.data.token);
    return result;
  };
  const [checked, check, checking] = useActionState<ActionResult<DebugResult> | null, FormData>(run(debugAction), null);
  const [generated, generate, generating] = useActionState<ActionResult<DebugResult> | null, FormData>(run(generateAction), null);
  // Whichever finished last is what the checklist shows.
  const [latest, setLatest] = useState<"check" | "generate">("check");
  const result = latest === "check" ? checked : generated;

  return (
    <div className="flex flex-col gap-4">
      <ActionForm dispatch={(formData) => { setLatest("check"); check(formData); }} className="flex flex-col gap-2">
        <input type="hidden" name="projectId" value={projectId} />
        <label htmlFor="debug-token" className="text-sm font-medium">Token</label>
        <textarea
          id="debug-token"
          ref={field}
          name="token"
          rows={4}
          value={token}
          onChange={(event) => setToken(event.target.value)}
          placeholder="eyJhbGciOiJIUzI1NiJ9…"
          spellCheck={false}
          autoComplete="off"
          className="rounded-md border border-border-input p-2 font-mono text-xs break-all"
        />
        <p className="text-xs text-muted">Checked on our server and never stored or logged.</p>
        <div className="flex flex-wrap gap-2">
          <Button type="submit" disabled={checking || !token.trim()}>{checking ? "Checking…" : "Check token"}</Button>
        </div>
      </ActionForm>
      <ActionForm dispatch={(formData) => { setLatest("generate"); generate(formData); }}>
        <input type="hidden" name="projectId" value={projectId} />
        <EnvironmentField />
        <Button type="submit" variant="secondary" disabled={generating}>{generating ? "Generating…" : "Generate a test token"}</Button>
      </ActionForm>
      {result && !result.ok && <FormStatus result={result} />}
      {result?.ok && <TokenChecklist report={result.data.report} />}
    </div>
  );
}
