import "server-only";
import { expireDueSecrets } from "@/lib/identity/secret-rotation";
import { purgeRetiredSecrets } from "@/lib/identity/retired-secrets";
import { purgeFailureExamples } from "@/lib/identity/failure-examples";
import { describeError, log } from "@/lib/log";

let timer: NodeJS.Timeout | undefined;

/** Deletes previous secrets whose grace period ended, without an external cron (verification already
 * refuses them at expiresAt; this removes their ciphertext and writes the audit event), and what is
 * kept only for a while: retired secrets' diagnosis copies and rejected-token examples. */
export function startExpirySweep(everyMs: number): void {
  timer ??= setInterval(async () => {
    try {
      const expired = await expireDueSecrets();
      if (expired > 0) log("info", "expired previous secrets at the end of their grace period", { expired });
      // Retired secrets are kept 30 days for diagnosis only, rejected-token examples 24 h: then deleted.
      const purged = await purgeRetiredSecrets();
      if (purged > 0) log("info", "deleted retired secrets kept for diagnosis past 30 days", { purged });
      await purgeFailureExamples();
    } catch (error) {
      log("error", "expiry sweep failed", { error: describeError(error) });
    }
  }, everyMs).unref();
}
