/**
 * The additional data a TOTP secret is sealed with: binds it to its user, so a sealed secret copied
 * onto another user's row doesn't open. Shared by the TOTP store, the key check and the master-key rotation.
 */
export const totpSecretContext = (userId: string) => `reqio:totp-secret:${userId}`;
