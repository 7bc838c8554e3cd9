/**
 * The additional data an IdentitySecret ciphertext is sealed with: binds it to its project, so a
 * ciphertext moved onto another project's row no longer opens.
 *
 * Shared by the secret store and the master-key rotation, so both seal and open the same way.
 */
export function identitySecretContext(projectId: string): string {
  return `reqio:identity-secret:${projectId}`;
}

/**
 * The context a retired secret is re-sealed under for diagnosis: a different context, so a diagnosis
 * ciphertext copied into a live secret's column never opens as a signing secret.
 */
export function retiredSecretContext(projectId: string): string {
  return `reqio:retired-identity-secret:${projectId}`;
}
