// Runs a server-language identity snippet, as copied, in its real toolchain (Debian's packages, nothing
// downloaded): straight as the customer would run it, or from a small driver of ours that imports it and
// mints for chosen users. Shared by the Vitest and Playwright snippet tests.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export type ServerLanguage = "python" | "ruby" | "php" | "go" | "java";
export const SERVER_LANGUAGES: ServerLanguage[] = ["python", "ruby", "php", "go", "java"];

export type TestUser = { id: string; email: string | null; plan: string; amountCents: number; interval: "month" | "year" };
type Step = [command: string, ...args: string[]];
type Runner = {
  /** Where the stack puts the file (the test checks the page says the same). */
  path: string;
  probe: Step;
  install: string;
  direct: Step;
  /** The driver file written beside the snippet (head, one line per user, tail), and the commands that run it (the last prints the tokens). */
  driver: { file: string; head: string; line: (user: TestUser) => string; tail?: string; steps: Step[] };
};

const str = JSON.stringify; // a double-quoted literal valid in Python, Ruby, Go and Java for the plain ASCII used here
const phpStr = (value: string) => `'${value.replace(/[\\']/g, "\\$&")}'`;

/** An interpreted stack: the snippet runs as `<interpreter> reqio_token.<ext>`, the driver as `<interpreter> driver.<ext>`. */
function interpreted(interpreter: string, ext: string, check: Step, install: string, head: string, line: (user: TestUser) => string): Runner {
  const file = `driver.${ext}`;
  return { path: `reqio_token.${ext}`, probe: check, install, direct: [interpreter, `reqio_token.${ext}`], driver: { file, head, line, steps: [[interpreter, file]] } };
}

const RUNNERS: Record<ServerLanguage, Runner> = {
  // Debian's interpreter: the python3 on PATH may be another build without Debian's python3-jwt.
  python: interpreted("/usr/bin/python3", "py", ["/usr/bin/python3", "-c", "import jwt"], "apt-get install -y python3-jwt", "from reqio_token import ReqioUser, mint_reqio_token\n", (u) =>
    `print(mint_reqio_token(ReqioUser(id=${str(u.id)}, email=${u.email === null ? "None" : str(u.email)}, plan=${str(u.plan)}, plan_amount=${u.amountCents}, billing_interval=${str(u.interval)})))\n`),
  ruby: interpreted("ruby", "rb", ["ruby", "-e", 'require "jwt"'], "apt-get install -y ruby ruby-jwt", 'require_relative "reqio_token"\n', (u) =>
    `puts mint_reqio_token(ReqioUser.new(id: ${str(u.id)}, email: ${u.email === null ? "nil" : str(u.email)}, plan: ${str(u.plan)}, plan_amount: ${u.amountCents}, billing_interval: ${str(u.interval)}))\n`),
  php: interpreted("php", "php", ["php", "-r", 'exit(function_exists("hash_hmac") ? 0 : 1);'], "apt-get install -y php-cli", "<?php\nrequire __DIR__ . '/reqio_token.php';\n", (u) =>
    `echo mint_reqio_token(['id' => ${phpStr(u.id)}, 'email' => ${u.email === null ? "null" : phpStr(u.email)}, 'plan' => ${phpStr(u.plan)}, 'plan_amount' => ${u.amountCents}, 'billing_interval' => ${phpStr(u.interval)}]), PHP_EOL;\n`),
  go: {
    path: "reqio_token.go",
    probe: ["go", "version"],
    install: "apt-get install -y golang-go",
    direct: ["go", "run", "reqio_token.go"],
    // The snippet is package main with its own main(): a test binary of that package can call it.
    driver: {
      file: "driver_test.go",
      head: 'package main\n\nimport (\n\t"fmt"\n\t"os"\n\t"testing"\n)\n\nfunc TestMain(m *testing.M) {\n\tfor _, user := range []ReqioUser{\n',
      line: (u) => `\t\t{ID: ${str(u.id)}, Email: ${str(u.email ?? "")}, Plan: ${str(u.plan)}, PlanAmount: ${u.amountCents}, BillingInterval: ${str(u.interval)}},\n`,
      tail: '\t} {\n\t\ttoken, err := MintReqioToken(user)\n\t\tif err != nil {\n\t\t\tfmt.Fprintln(os.Stderr, err)\n\t\t\tos.Exit(1)\n\t\t}\n\t\tfmt.Println(token)\n\t}\n\tos.Exit(0)\n}\n',
      steps: [["go", "test", "-c", "-o", "driver", "reqio_token.go", "driver_test.go"], ["./driver"]],
    },
  },
  java: {
    path: "ReqioToken.java",
    probe: ["javac", "-version"],
    install: "apt-get install -y openjdk-17-jdk-headless",
    direct: ["java", "ReqioToken.java"],
    driver: {
      file: "Driver.java",
      head: "public class Driver {\n    public static void main(String[] args) throws Exception {\n",
      line: (u) => `        System.out.println(ReqioToken.mintReqioToken(new ReqioToken.ReqioUser(${str(u.id)}, ${u.email === null ? "null" : str(u.email)}, ${str(u.plan)}, ${u.amountCents}L, ${str(u.interval)})));\n`,
      tail: "    }\n}\n",
      steps: [["javac", "-d", "classes", "ReqioToken.java", "Driver.java"], ["java", "-cp", "classes", "Driver"]],
    },
  },
};

export const snippetPath = (language: ServerLanguage) => RUNNERS[language].path;

let workRoot: string | undefined;
function tempDir(): string {
  if (!workRoot) {
    workRoot = fs.mkdtempSync(path.join(os.tmpdir(), "reqio-snippets-"));
    const root = workRoot;
    process.once("exit", () => fs.rmSync(root, { recursive: true, force: true }));
  }
  return fs.mkdtempSync(path.join(workRoot, "run-"));
}

/** Only what a customer's shell would have, plus Go kept offline and on this toolchain. */
function toolchainEnv(secret: string | undefined): NodeJS.ProcessEnv {
  const root = workRoot!;
  const env: Record<string, string | undefined> = {
    PATH: process.env.PATH,
    HOME: root,
    LANG: "C.UTF-8",
    GOPATH: path.join(root, "gopath"),
    GOCACHE: path.join(root, "gocache"),
    GOPROXY: "off",
    GOTOOLCHAIN: "local",
    GOFLAGS: "",
    GO111MODULE: "off",
  };
  if (secret !== undefined) env.REQIO_SECRET = secret;
  return env as NodeJS.ProcessEnv;
}

export type RunResult = { status: number | null; stdout: string; stderr: string; command: string };

function run(dir: string, step: Step, secret: string | undefined): RunResult {
  const [command, ...args] = step;
  const result = spawnSync(command, args, { cwd: dir, env: toolchainEnv(secret), encoding: "utf8", timeout: 120_000 });
  if (result.error) throw new Error(`${command} could not run: ${result.error.message}`);
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, command: step.join(" ") };
}

const failure = (result: RunResult) => `\`${result.command}\` exited with ${result.status}:\n${result.stderr}${result.stdout}`;

/** Throws, saying what to install, when the language's toolchain is missing (the test then fails: never skipped). */
export function requireToolchain(language: ServerLanguage): void {
  const runner = RUNNERS[language];
  const [command, ...args] = runner.probe;
  const probe = spawnSync(command, args, { encoding: "utf8", timeout: 60_000 });
  if (probe.error || probe.status !== 0) {
    const why = probe.error ? probe.error.message : `${probe.stderr}${probe.stdout}`.trim();
    throw new Error(`The ${language} toolchain is missing (\`${runner.probe.join(" ")}\`: ${why}). Install it: ${runner.install} (bash .ci/run does).`);
  }
}

function writeSnippet(language: ServerLanguage, code: string, extra: Record<string, string> = {}): string {
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, RUNNERS[language].path), code);
  for (const [name, text] of Object.entries(extra)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

/** Runs the snippet the way its comment says (e.g. `python3 reqio_token.py`) with REQIO_SECRET as given (undefined: unset). */
export function runSnippetDirectly(language: ServerLanguage, code: string, secret: string | undefined): RunResult {
  requireToolchain(language);
  return run(writeSnippet(language, code), RUNNERS[language].direct, secret);
}

/** The token the snippet prints when run directly: its whole output, one line. */
export function tokenFromDirectRun(language: ServerLanguage, code: string, secret: string): string {
  const result = runSnippetDirectly(language, code, secret);
  if (result.status !== 0 || !/^[\w-]+\.[\w-]+\.[\w-]+\n$/.test(result.stdout)) throw new Error(`no token printed: ${failure(result)}`);
  return result.stdout.trim();
}

/** One token per user, minted by the snippet's own function called from a driver of ours. */
export function tokensForUsers(language: ServerLanguage, code: string, secret: string, users: TestUser[]): string[] {
  requireToolchain(language);
  const { file, head, line, tail = "", steps } = RUNNERS[language].driver;
  const dir = writeSnippet(language, code, { [file]: head + users.map(line).join("") + tail });
  let result: RunResult | undefined;
  for (const step of steps) {
    result = run(dir, step, secret);
    if (result.status !== 0) throw new Error(failure(result));
  }
  const tokens = result!.stdout.match(/^[\w-]+\.[\w-]+\.[\w-]+$/gm) ?? [];
  if (tokens.length !== users.length) throw new Error(`expected ${users.length} tokens: ${failure(result!)}`);
  return tokens;
}

/** The JWT's header and payload, decoded without verifying (the identify endpoint verifies). */
export function decodeParts(token: string): { header: Record<string, unknown>; payload: Record<string, unknown>; payloadJson: string } {
  const [header = "", payload = ""] = token.split(".").map((part) => Buffer.from(part, "base64url").toString("utf8"));
  return { header: JSON.parse(header), payload: JSON.parse(payload), payloadJson: payload };
}

/** The users every language mints for, and what identify must answer for each. */
export const SAMPLE_USER_ANSWER = { id: "user_123", email: "ada@example.com", plan: "pro", interval: "month", mrrCents: 2900 };
export const CASE_USERS: { name: string; user: TestUser; answer: Record<string, unknown> }[] = [
  {
    name: "a yearly plan (amount = annual total, mrrCents = amount / 12 rounded)",
    user: { id: "user_yearly", email: "grace@example.com", plan: "team", amountCents: 29_900, interval: "year" },
    answer: { id: "user_yearly", email: "grace@example.com", plan: "team", interval: "year", mrrCents: 2492 },
  },
  {
    name: "a user with no email (the claim is left out)",
    user: { id: "user_no_email", email: null, plan: "pro", amountCents: 2900, interval: "month" },
    answer: { id: "user_no_email", email: null, plan: "pro", interval: "month", mrrCents: 2900 },
  },
];

/** CASE_USERS, each with the token the snippet minted for it (one driver run for all). */
export function caseTokens(language: ServerLanguage, code: string, secret: string): ((typeof CASE_USERS)[number] & { token: string })[] {
  const tokens = tokensForUsers(language, code, secret, CASE_USERS.map((c) => c.user));
  return CASE_USERS.map((c, index) => ({ ...c, token: tokens[index]! }));
}
