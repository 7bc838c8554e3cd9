/** The three steps from "new project" to "my server's tokens verify". */
export function GettingStarted() {
  const steps = [
    ["Set the secret on your server", "Reveal the secret below and add it to your server's environment as REQIO_SECRET."],
    ["Mint a token per signed-in user", "Paste the Next.js or Node.js snippet; it already holds this project's audience."],
    ["Hand the token to the widget", "Put it on the widget tag for server-rendered pages, or call window.Reqio.identify(token) in SPAs."],
  ] as const;
  return (
    <ol className="grid gap-3 sm:grid-cols-3">
      {steps.map(([title, body], index) => (
        <li key={title} className="rounded-md border border-border bg-surface p-3">
          <p className="text-sm font-medium"><span className="mr-1.5 text-link">{index + 1}.</span>{title}</p>
          <p className="mt-1 text-sm text-muted">{body}</p>
        </li>
      ))}
    </ol>
  );
}
