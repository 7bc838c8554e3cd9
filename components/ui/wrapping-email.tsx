import { cn } from "@/components/ui/cn";

const part = "inline-block max-w-full break-words";

/**
 * An e-mail address that, when it doesn't fit, wraps after its @: each part stays whole on its line, and
 * is broken (at a hyphen if it has one) only when it alone is wider than the line.
 */
export function WrappingEmail({ email, className }: { email: string; className?: string }) {
  const at = email.lastIndexOf("@");
  if (at <= 0) return <span className={cn("break-words", className)}>{email}</span>;
  return (
    <span className={className}>
      <span className={part}>{email.slice(0, at + 1)}</span>
      <wbr />
      <span className={part}>{email.slice(at + 1)}</span>
    </span>
  );
}
