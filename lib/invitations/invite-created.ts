/** What inviting sends back to the form: the one-time link (shown once) and whether it was emailed. */
export type InviteCreated = { link: string; email: string; emailed: boolean; expiresAt: string };
