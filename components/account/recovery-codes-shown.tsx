"use client";
import { CopyButton } from "@/components/ui/copy-button";
import { buttonClasses } from "@/components/ui/button";

/** Recovery codes, shown the one time they exist in plain text: copy or download them now. */
export function RecoveryCodesShown({ codes }: { codes: string[] }) {
  const text = `Reqio recovery codes (each works once)\n\n${codes.join("\n")}\n`;
  return (
    <section aria-labelledby="recovery-codes-heading" className="flex flex-col gap-3 rounded-md border border-border bg-surface-strong p-4" data-testid="recovery-codes">
      <h3 id="recovery-codes-heading" className="font-medium">Save your recovery codes</h3>
      <p className="text-sm text-muted">
        If you lose your phone or passkey, each of these confirms a sensitive action once. They are shown only now: store them in your password
        manager.
      </p>
      <ol className="grid grid-cols-1 gap-1 font-mono text-sm sm:grid-cols-2">
        {codes.map((code) => (
          <li key={code}>{code}</li>
        ))}
      </ol>
      <div className="flex flex-wrap gap-2">
        <CopyButton text={text} label="Copy codes" ariaLabel="Copy recovery codes" />
        <a className={buttonClasses("secondary")} download="reqio-recovery-codes.txt" href={`data:text/plain;charset=utf-8,${encodeURIComponent(text)}`}>
          Download
        </a>
      </div>
    </section>
  );
}
