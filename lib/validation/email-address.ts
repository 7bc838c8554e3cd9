/** The one spelling of an address we store and compare: sign-up, sign-in and invitations all use it. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}
