import { Fragment } from "react";

/**
 * Text such as an e-mail address with line-break opportunities only at its separators (before "@",
 * after ".", "_", "/" and "+"), so a narrow column wraps "jane.doe@" / "example.com" and never mid-word.
 */
export function WrapAtSeparators({ text }: { text: string }) {
  const parts = text.split(/(?=@)|(?<=[._/+])/);
  return parts.map((part, index) => (
    <Fragment key={index}>
      {index > 0 && <wbr />}
      {part}
    </Fragment>
  ));
}
