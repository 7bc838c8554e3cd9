import Link from "next/link";

export function Logo() {
  return (
    <Link href="/" className="flex items-center gap-2 text-lg font-semibold tracking-tight text-text">
      <span aria-hidden className="grid size-7 place-items-center rounded-md bg-accent text-sm font-bold text-on-accent">R</span>
      Reqio
    </Link>
  );
}
