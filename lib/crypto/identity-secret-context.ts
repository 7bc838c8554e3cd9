/**
 * The additional data an IdentitySecret ciphertext is sealed with: binds it to its project and
 * environment, so a ciphertext moved onto another project's (or environment's) row no longer opens.
 *
 * Shared by the secret store and the master-key rotation, so both seal and open the same way.
 */
export function identitySecretContext(projectId: string, environment: string): string {
  // Production keeps the context every secret had before environments, so stored ciphertexts still open.
  return environment === "production" ? `reqio:identity-secret:${projectId}` : `reqio:identity-secret:${projectId}:${environment}`;
}

/**
 * The context a retired secret is re-sealed under for diagnosis: a different context, so a diagnosis
 * ciphertext copied into a live secret's column never opens as a signing secret.
 */
export function retiredSecretContext(projectId: string, environment: string): string {
  return environment === "production" ? `reqio:retired-identity-secret:${projectId}` : `reqio:retired-identity-secret:${projectId}:${environment}`;
}
