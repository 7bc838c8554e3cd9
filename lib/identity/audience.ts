// Plain Node (no "server-only"): the identify fast path imports projectAudience outside Next's build,
// and nothing here may pull in shiki or React.
import { serverConfig } from "@/lib/config/server-config";

/** The exact `aud` every token for this project must carry (docs: `<base URL>/p/<projectId>`). */
export function identityAudience(appUrl: string, projectId: string): string {
  return `${appUrl}/p/${projectId}`;
}

/** The audience under this deployment's APP_URL: what the verifier demands and the Identity page shows. */
export function projectAudience(projectId: string): string {
  return identityAudience(serverConfig().appUrl, projectId);
}

export function widgetScriptUrl(appUrl: string): string {
  return `${appUrl}/widget.js`;
}
