import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";

/** Reads a random value kept in a 0600 file, creating it once (never overwriting one that exists). */
export function readOrCreateLocalSecret(filePath: string): string {
  if (!fs.existsSync(filePath)) {
    fs.mkdirSync(path.dirname(filePath), { recursive: true });
    try {
      fs.writeFileSync(filePath, randomBytes(32).toString("base64url") + "\n", { mode: 0o600, flag: "wx" });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
  }
  return fs.readFileSync(filePath, "utf8").trim();
}
