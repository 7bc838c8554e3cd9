import Link from "next/link";

/** What an unknown or forbidden URL says, in the dashboard shell and outside it. */
export function NotFoundMessage() {
  return (
    <div className="mx-auto flex max-w-md flex-col items-center gap-3 py-16 text-center">
      <h1 className="text-2xl font-semibold">Not found</h1>
      <p className="text-muted">This page doesn&apos;t exist, or you don&apos;t have access to it.</p>
      <Link href="/" className="font-medium text-link underline">Back to your projects</Link>
    </div>
  );
}
