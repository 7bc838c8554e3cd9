import { ScrollRegion } from "@/components/ui/scroll-region";

const CLAIMS = [
  ["sub", "string", "Required. Your user's stable ID (up to 255 characters)."],
  ["email", "string", "Optional. The user's email address."],
  ["aud", "string", "Required. Exactly the audience URL in the snippets; binds the token to this project."],
  ["iat / exp", "number", "Required. Seconds since the epoch (not milliseconds); tokens live at most 300 seconds."],
] as const;

const TRAITS = [
  ["plan", "string", 'Plan name on your billing system, e.g. "pro".'],
  ["amount", "number", "Recurring charge as billed, in cents (an integer: 2900, not 29.00). For annual plans send the full annual total; Reqio divides by 12 to derive the monthly value."],
  ["interval", '"month" or "year"', "Billing cadence for amount."],
] as const;

function ReferenceTable({ caption, rows }: { caption: string; rows: readonly (readonly [string, string, string])[] }) {
  return (
    <ScrollRegion label={caption}>
      <table className="w-full text-left text-sm">
        <caption className="pb-2 text-left font-medium text-text">{caption}</caption>
        <thead>
          <tr className="border-b border-border text-muted">
            <th scope="col" className="py-1.5 pr-4 font-medium">Field</th>
            <th scope="col" className="py-1.5 pr-4 font-medium">Type</th>
            <th scope="col" className="py-1.5 font-medium">Description</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([field, type, description]) => (
            <tr key={field} className="border-b border-border-subtle align-top">
              <td className="py-2 pr-4"><code>{field}</code></td>
              <td className="py-2 pr-4 whitespace-nowrap text-muted">{type}</td>
              <td className="py-2 text-text-soft">{description}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

/** The contract from the public docs, next to the snippets that implement it. */
export function TraitsReference() {
  return (
    <div className="flex flex-col gap-5">
      <ReferenceTable caption="Claims" rows={CLAIMS} />
      <ReferenceTable caption="Traits (inside the traits claim)" rows={TRAITS} />
    </div>
  );
}

export function SecurityNote() {
  return (
    <div className="flex flex-col gap-2 text-sm text-text-soft">
      <p>
        <code>REQIO_SECRET</code> is the symmetric key for all tokens in this project. Anyone who has it can mint identity tokens for any user, so
        keep it server-side only: never in browser code, a public repository, or logs.
      </p>
      <p>
        Tokens are short-lived (300 seconds) and bound to this project&apos;s audience URL, so a leaked token cannot be replayed against a
        different project. If the secret may have leaked, rotate it.
      </p>
    </div>
  );
}
