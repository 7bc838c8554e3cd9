/**
 * Every stack the Identity page offers, filled in with this project's ID and audience. Each stack
 * lives in its own file here and is registered in STACK_BUILDERS; the page renders them in this order.
 */
import { identityAudience, widgetScriptUrl } from "@/lib/identity/audience";
import type { SnippetContext, SnippetStack } from "./types";
import { nextJsStack } from "./nextjs";
import { expressStack, nodeStack } from "./node";
import { goStack } from "./go";
import { javaStack } from "./java";
import { phpStack } from "./php";
import { pythonStack } from "./python";
import { rubyStack } from "./ruby";
import { widgetHtmlStack, widgetReactStack } from "./widget";

export type { SnippetContext, SnippetFile, SnippetLanguage, SnippetStack, SnippetStackId } from "./types";
export { envSnippet } from "./env";

/** Stack builders, in the order the picker lists them. */
const STACK_BUILDERS: ((context: SnippetContext) => SnippetStack)[] = [nextJsStack, nodeStack, expressStack, pythonStack, rubyStack, phpStack, goStack, javaStack, widgetHtmlStack, widgetReactStack];

export function snippetContext(appUrl: string, projectId: string): SnippetContext {
  return { appUrl, projectId, audience: identityAudience(appUrl, projectId), widgetUrl: widgetScriptUrl(appUrl) };
}

export function identityStacks(input: { appUrl: string; projectId: string }): SnippetStack[] {
  const context = snippetContext(input.appUrl, input.projectId);
  return STACK_BUILDERS.map((build) => build(context));
}
