/** "On this page": anchor links to a long page's sections (each `href` an element id, e.g. "#secret-title"). */
export function InPageNav({ links }: { links: { href: `#${string}`; label: string }[] }) {
  return (
    <nav aria-label="On this page" className="text-sm">
      <ul className="flex flex-wrap gap-x-4 gap-y-1">
        {links.map((link) => (
          <li key={link.href}>
            <a href={link.href} className="font-medium text-link underline-offset-2 hover:underline">{link.label}</a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
