import "server-only";
import { expireDueSecrets } from "@/lib/identity/secret-rotation";
import { describeError, log } from "@/lib/log";

let timer: NodeJS.Timeout | undefined;

/** Deletes previous secrets whose grace period ended, without an external cron. Verification already
 * refuses them at expiresAt; this removes their ciphertext and writes the audit event. */
export function startExpirySweep(everyMs: number): void {
  timer ??= setInterval(async () => {
    try {
      const expired = await expireDueSecrets();
      if (expired > 0) log("info", "expired previous secrets at the end of their grace period", { expired });
    } catch (error) {
      log("error", "expiry sweep failed", { error: describeError(error) });
    }
  }, everyMs).unref();
}
