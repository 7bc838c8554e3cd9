/** The exact `aud` every token for this project must carry (docs: `<base URL>/p/<projectId>`). */
export function identityAudience(appUrl: string, projectId: string): string {
  return `${appUrl}/p/${projectId}`;
}

export function widgetScriptUrl(appUrl: string): string {
  return `${appUrl}/widget.js`;
}
