/** Only same-site paths: a callbackUrl must never send a fresh session to another origin. */
export function safeCallbackUrl(callbackUrl: string | undefined): string {
  return callbackUrl?.startsWith("/") && !callbackUrl.startsWith("//") && !callbackUrl.startsWith("/\\") ? callbackUrl : "/";
}
