import { randomBase62 } from "@/lib/crypto/random-string";

/** Public project ID: "prj_" + 22 base62 chars (≈ 131 random bits), URL-safe and unguessable. */
export const PROJECT_ID_PATTERN = /^prj_[0-9A-Za-z]{22}$/;

export function generateProjectId(): string {
  return `prj_${randomBase62(22)}`;
}

export function isProjectId(value: string): boolean {
  return PROJECT_ID_PATTERN.test(value);
}
