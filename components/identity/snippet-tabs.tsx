"use client";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { CopyButton } from "@/components/ui/copy-button";
import { useRevealedSecret } from "@/components/identity/revealed-secret";
import type { HighlightedSnippet } from "@/lib/identity/identity-page-data";

/** Server-highlighted snippets; the `.env` tab swaps in the revealed secret while it is shown. */
export function SnippetTabs({ snippets, currentSecretId }: { snippets: HighlightedSnippet[]; currentSecretId: string }) {
  const { revealed } = useRevealedSecret();
  const shown = revealed?.secretId === currentSecretId ? revealed : null;
  const first = snippets[0]?.id;

  return (
    <Tabs defaultValue={first}>
      <TabsList aria-label="Snippets">
        {snippets.map((snippet) => (
          <TabsTrigger key={snippet.id} value={snippet.id}>{snippet.label}</TabsTrigger>
        ))}
      </TabsList>
      {snippets.map((snippet) => {
        const isEnv = snippet.id === "env";
        const code = isEnv && shown ? `REQIO_SECRET=${shown.secret}\n` : snippet.code;
        const html = isEnv && shown ? shown.envSnippetHtml : snippet.html;
        const copyable = !isEnv || shown !== null;
        return (
          <TabsContent key={snippet.id} value={snippet.id} className="pt-3" data-testid={`snippet-${snippet.id}`}>
            <div className="overflow-hidden rounded-md border border-zinc-200">
              <div className="flex items-center justify-between gap-2 border-b border-zinc-200 bg-zinc-50 px-3 py-1.5">
                <span className="truncate font-mono text-xs text-zinc-600">{snippet.filename}</span>
                {copyable ? (
                  <CopyButton text={code} ariaLabel={`Copy ${snippet.label} snippet`} className="min-h-8 py-1" />
                ) : (
                  <span className="text-xs text-zinc-500">Reveal the secret to copy this line</span>
                )}
              </div>
              {/* shiki's output: generated on our server from our own snippet text, HTML-escaped by shiki. */}
              <div className="code-block bg-white" dangerouslySetInnerHTML={{ __html: html }} />
            </div>
          </TabsContent>
        );
      })}
    </Tabs>
  );
}
