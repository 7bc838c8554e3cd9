// Child-process entry for boot tests: exactly what instrumentation.ts runs when `next start` boots.
import { bootServer } from "@/lib/server-boot";

await bootServer();
console.log("booted");
