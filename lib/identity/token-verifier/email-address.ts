/**
 * Email syntax for the optional `email` claim.
 *
 * Decision: internationalized addresses are accepted (RFC 6531 / SMTPUTF8): the local part may use
 * any Unicode letters ("josé@…", "用户@…") and the domain may be an IDN in Unicode form, because
 * customers' users sign up with such addresses and Reqio only stores and displays them.
 * Rejected: whitespace and control/format/unassigned characters anywhere; quoted local parts and
 * the RFC 5322 specials ( ) < > [ ] : ; , " \ (legal but never produced by sign-up forms, and they
 * invite display/log injection); leading, trailing or doubled dots; IP-literal domains; domains
 * without a dot ("user@localhost"); an all-numeric top-level label. Local part ≤ 64 characters,
 * domain ≤ 253, domain labels ≤ 63 (counted in code points; the whole address ≤ 254 is checked by
 * the caller).
 */

const LOCAL_PART = /^[^\s\p{C}@"(),:;<>[\]\\]+$/u;
const DOMAIN_LABEL = /^[\p{L}\p{N}\p{M}](?:[\p{L}\p{N}\p{M}-]*[\p{L}\p{N}\p{M}])?$/u;

const length = (value: string): number => Array.from(value).length;

export function isValidEmailAddress(address: string): boolean {
  const at = address.lastIndexOf("@");
  if (at <= 0 || at === address.length - 1) return false;
  const local = address.slice(0, at);
  const domain = address.slice(at + 1);

  if (length(local) > 64 || !LOCAL_PART.test(local)) return false;
  if (local.startsWith(".") || local.endsWith(".") || local.includes("..")) return false;

  if (length(domain) > 253) return false;
  const labels = domain.split(".");
  if (labels.length < 2) return false;
  for (const label of labels) {
    if (length(label) > 63 || !DOMAIN_LABEL.test(label)) return false;
  }
  const topLevel = labels[labels.length - 1] ?? "";
  return !/^[0-9]+$/.test(topLevel);
}
