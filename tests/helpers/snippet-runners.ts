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
  /** Driver files written beside the snippet, and the commands that run them (the last prints the tokens). */
  driver: (users: TestUser[]) => { files: Record<string, string>; steps: Step[] };
};

const str = JSON.stringify; // a double-quoted literal valid in Python, Ruby, Go and Java for the plain ASCII used here
const phpStr = (value: string) => `'${value.replace(/[\\']/g, "\\$&")}'`;

const RUNNERS: Record<ServerLanguage, Runner> = {
  python: {
    path: "reqio_token.py",
    // Debian's interpreter: the python3 on PATH may be another build without Debian's python3-jwt.
    probe: ["/usr/bin/python3", "-c", "import jwt"],
    install: "apt-get install -y python3-jwt",
    direct: ["/usr/bin/python3", "reqio_token.py"],
    driver: (users) => ({
      files: {
        "driver.py":
          "from reqio_token import ReqioUser, mint_reqio_token\n" +
          users
            .map((u) => `print(mint_reqio_token(ReqioUser(id=${str(u.id)}, email=${u.email === null ? "None" : str(u.email)}, plan=${str(u.plan)}, plan_amount=${u.amountCents}, billing_interval=${str(u.interval)})))\n`)
            .join(""),
      },
      steps: [["/usr/bin/python3", "driver.py"]],
    }),
  },
  ruby: {
    path: "reqio_token.rb",
    probe: ["ruby", "-e", 'require "jwt"'],
    install: "apt-get install -y ruby ruby-jwt",
    direct: ["ruby", "reqio_token.rb"],
    driver: (users) => ({
      files: {
        "driver.rb":
          'require_relative "reqio_token"\n' +
          users
            .map((u) => `puts mint_reqio_token(ReqioUser.new(id: ${str(u.id)}, email: ${u.email === null ? "nil" : str(u.email)}, plan: ${str(u.plan)}, plan_amount: ${u.amountCents}, billing_interval: ${str(u.interval)}))\n`)
            .join(""),
      },
      steps: [["ruby", "driver.rb"]],
    }),
  },
  php: {
    path: "reqio_token.php",
    probe: ["php", "-r", 'exit(function_exists("hash_hmac") ? 0 : 1);'],
    install: "apt-get install -y php-cli",
    direct: ["php", "reqio_token.php"],
    driver: (users) => ({
      files: {
        "driver.php":
          "<?php\nrequire __DIR__ . '/reqio_token.php';\n" +
          users
            .map((u) => `echo mint_reqio_token(['id' => ${phpStr(u.id)}, 'email' => ${u.email === null ? "null" : phpStr(u.email)}, 'plan' => ${phpStr(u.plan)}, 'plan_amount' => ${u.amountCents}, 'billing_interval' => ${phpStr(u.interval)}]), PHP_EOL;\n`)
            .join(""),
      },
      steps: [["php", "driver.php"]],
    }),
  },
  go: {
    path: "reqio_token.go",
    probe: ["go", "version"],
    install: "apt-get install -y golang-go",
    direct: ["go", "run", "reqio_token.go"],
    // The snippet is package main with its own main(): a test binary of that package can call it.
    driver: (users) => ({
      files: {
        "driver_test.go":
          'package main\n\nimport (\n\t"fmt"\n\t"os"\n\t"testing"\n)\n\nfunc TestMain(m *testing.M) {\n\tfor _, user := range []ReqioUser{\n' +
          users
            .map((u) => `\t\t{ID: ${str(u.id)}, Email: ${str(u.email ?? "")}, Plan: ${str(u.plan)}, PlanAmount: ${u.amountCents}, BillingInterval: ${str(u.interval)}},\n`)
            .join("") +
          '\t} {\n\t\ttoken, err := MintReqioToken(user)\n\t\tif err != nil {\n\t\t\tfmt.Fprintln(os.Stderr, err)\n\t\t\tos.Exit(1)\n\t\t}\n\t\tfmt.Println(token)\n\t}\n\tos.Exit(0)\n}\n',
      },
      steps: [["go", "test", "-c", "-o", "driver", "reqio_token.go", "driver_test.go"], ["./driver"]],
    }),
  },
  java: {
    path: "ReqioToken.java",
    probe: ["javac", "-version"],
    install: "apt-get install -y openjdk-17-jdk-headless",
    direct: ["java", "ReqioToken.java"],
    driver: (users) => ({
      files: {
        "Driver.java":
          "public class Driver {\n    public static void main(String[] args) throws Exception {\n" +
          users
            .map((u) => `        System.out.println(ReqioToken.mintReqioToken(new ReqioToken.ReqioUser(${str(u.id)}, ${u.email === null ? "null" : str(u.email)}, ${str(u.plan)}, ${u.amountCents}L, ${str(u.interval)})));\n`)
            .join("") +
          "    }\n}\n",
      },
      steps: [["javac", "-d", "classes", "ReqioToken.java", "Driver.java"], ["java", "-cp", "classes", "Driver"]],
    }),
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
  const { files, steps } = RUNNERS[language].driver(users);
  const dir = writeSnippet(language, code, files);
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
