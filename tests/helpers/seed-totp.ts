// Child-process fixture for the master-key tests: N users set up an authenticator app (enrolled and confirmed)
// under whatever REQIO_ENCRYPTION_KEY this process is given. Prints [{ userId, secret }] as JSON: the base32
// secret is what each user's app holds, so a test can compute the codes it shows.
import * as OTPAuth from "otpauth";
import { confirmTotpEnrolment, startTotpEnrolment } from "@/lib/auth/second-factor/totp";
import { db } from "@/lib/db";
import { createUser } from "./fixtures";

const count = Number(process.argv[2] ?? 1);
// Confirmed with a code from ten minutes ago, so a test can still spend the code of the current step.
const confirmedAt = Date.now() - 10 * 60_000;
const users: Array<{ userId: string; secret: string }> = [];
for (let i = 0; i < count; i += 1) {
  const user = await createUser("totp");
  const { secret } = await startTotpEnrolment(user);
  const code = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret) }).generate({ timestamp: confirmedAt });
  await confirmTotpEnrolment(user.id, code, confirmedAt);
  users.push({ userId: user.id, secret });
}
console.log(JSON.stringify(users));
await db.$disconnect();
