import { describe, expect, it } from "vitest";
import { hashPassword, timingDummyHash, verifyPassword } from "@/lib/auth/password";
import { passwordWeakness } from "@/lib/auth/password-policy";

// Each scrypt hash/verify costs ~128 MiB and a few hundred ms: keep the count small.
describe("hashPassword / verifyPassword", () => {
  const password = "correct horse battery staple";
  const hashes = Promise.all([hashPassword(password), hashPassword(password)]);

  it("uses the self-describing scrypt format with OWASP parameters", async () => {
    const [hash] = await hashes;
    expect(hash!.startsWith("scrypt$131072$8$1$")).toBe(true);
    expect(hash).toMatch(/^scrypt\$131072\$8\$1\$[\w-]{22}\$[\w-]{43}$/); // 16-byte salt, 32-byte key
    expect(hash).not.toContain(password);
  });

  it("verifies the right password and refuses a wrong one", async () => {
    const [hash] = await hashes;
    expect(await verifyPassword(password, hash!)).toBe(true);
    expect(await verifyPassword("correct horse battery stapler", hash!)).toBe(false);
  });

  it("salts: the same password hashes differently, and each hash verifies", async () => {
    const [a, b] = await hashes;
    expect(a).not.toBe(b);
    expect(a!.split("$")[4]).not.toBe(b!.split("$")[4]);
    expect(await verifyPassword(password, b!)).toBe(true);
  });

  it("compares NFKC-normalized passwords (full-width and ASCII are the same password)", async () => {
    const [hash] = await hashes;
    const fullWidth = password.replace(/[a-z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
    expect(fullWidth).not.toBe(password);
    expect(await verifyPassword(fullWidth, hash!)).toBe(true);
  });

  it.each(["", "plain-text-password", "bcrypt$10$abc$def", "scrypt$131072$8$1$", "scrypt$131072$8$1$salt"])(
    "malformed stored value %j never verifies",
    async (stored) => {
      expect(await verifyPassword(password, stored)).toBe(false);
    },
  );

  it("timingDummyHash is a real, cached hash that matches no guessable password", async () => {
    const dummy = await timingDummyHash();
    expect(dummy.startsWith("scrypt$131072$8$1$")).toBe(true);
    expect(await timingDummyHash()).toBe(dummy);
    expect(await verifyPassword("", dummy)).toBe(false);
  });
});

describe("passwordWeakness", () => {
  const email = "ada.lovelace@example.com";

  it.each([
    ["", "Use at least 10 characters."],
    ["short1!", "Use at least 10 characters."],
    ["nine char", "Use at least 10 characters."],
    ["x".repeat(129), "Use at most 128 characters."],
    ["password123", "That password is on the list of most common passwords; choose another."],
    ["PassWord123", "That password is on the list of most common passwords; choose another."],
    ["qwertyuiop", "That password is on the list of most common passwords; choose another."],
    ["aaaaaaaaaaaa", "That password repeats too few different characters; choose another."],
    ["abcabcabcabc", "That password repeats too few different characters; choose another."],
    ["AbAbAbAbAbAb", "That password repeats too few different characters; choose another."],
    ["my ada.lovelace pw!", "Don't use your email address in your password."],
    ["ADA.LOVELACE-2024", "Don't use your email address in your password."],
  ])("%j -> %j", (password, message) => {
    expect(passwordWeakness(password, email)).toBe(message);
  });

  it.each(["correct horse battery staple", "Tr0ub4dor&3xyz", "xxxxxxabcd", "😀😁😂🤣😃😄😅😆😉😊"])(
    "accepts %j",
    (password) => {
      expect(passwordWeakness(password, email)).toBeNull();
    },
  );

  it("accepts exactly the minimum and maximum lengths", () => {
    expect(passwordWeakness("a1b2c3d4e5", email)).toBeNull();
    expect(passwordWeakness("a1b2c3d4e5".repeat(12) + "a1b2c3d4", email)).toBeNull();
  });

  it("judges what is hashed: a full-width spelling of a blocklisted password is that password", () => {
    expect(passwordWeakness("ｐａｓｓｗｏｒｄ１２３", email)).toBe("That password is on the list of most common passwords; choose another.");
    expect(passwordWeakness("ＡＤＡ．ＬＯＶＥＬＡＣＥ-2024", email)).toBe("Don't use your email address in your password.");
  });

  it("counts characters as people see them: combining marks and emoji sequences are one character each", () => {
    // 9 letters with a combining accent each: 18 code units, 9 characters.
    expect(passwordWeakness("e\u0301a\u0301o\u0301u\u0301i\u0301e\u0300a\u0300o\u0300u\u0300", email)).toBe("Use at least 10 characters.");
    // 9 family emoji (7 code points each) are 9 characters.
    expect(passwordWeakness("👨‍👩‍👧‍👦👩‍👩‍👧‍👦👨‍👨‍👧‍👦👨‍👩‍👦👨‍👩‍👧👩‍👧‍👦👨‍👧‍👦👩‍👦‍👦👨‍👦‍👦", email)).toBe("Use at least 10 characters.");
    // 128 accented characters are within the limit though they are 256 code units.
    expect(passwordWeakness("a\u0301b\u0301c\u0301d\u0301".repeat(32), email)).toBeNull();
  });

  it("ignores very short email local parts (under 4 chars) when checking for the email", () => {
    expect(passwordWeakness("bob-is-great-2024", "bob@example.com")).toBeNull();
    expect(passwordWeakness("bobby-is-great-2024", "bobby@example.com")).toBe("Don't use your email address in your password.");
  });
});
