/** What reveal and rotate send to the browser: the secret, only after an explicit request. */
export type SecretView = { secretId: string; secret: string; envSnippetHtml: string };
