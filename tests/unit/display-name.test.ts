import { describe, expect, it } from "vitest";
import { personNameSchema } from "@/lib/validation/person-name";
import { firstTeamName, teamNameSchema, TEAM_NAME_MAX } from "@/lib/teams/team-name";
import { projectNameSchema } from "@/lib/projects/project-name";

const message = (schema: typeof personNameSchema, value: unknown) => {
  const parsed = schema.safeParse(value);
  return parsed.success ? null : parsed.error.issues[0]!.message;
};

describe("one display-name rule for people, teams and projects", () => {
  it.each([
    ["a line break", "Ada\r\nBcc: everyone"],
    ["a bell", "Ada\u0007"],
    ["a right-to-left override", "Ada \u202Egnp.exe"],
    ["a left-to-right isolate", "Ada\u2066x"],
    ["an Arabic letter mark", "Ada\u061C"],
    ["a C1 control", "Ada\u0085"],
  ])("refuses %s in every kind of name", (_what, value) => {
    expect(message(personNameSchema, value)).toBe("Your name can't contain control or text-direction characters.");
    expect(message(teamNameSchema, value)).toBe("The team name can't contain control or text-direction characters.");
    expect(message(projectNameSchema, value)).toBe("The project name can't contain control or text-direction characters.");
  });

  it("collapses whitespace and names what is missing or too long", () => {
    expect(personNameSchema.parse("  Ada   Lovelace ")).toBe("Ada Lovelace");
    expect(message(personNameSchema, "   ")).toBe("Enter your name.");
    expect(message(teamNameSchema, "")).toBe("Enter a team name.");
    expect(message(personNameSchema, "a".repeat(81))).toBe("Use at most 80 characters for your name.");
    expect(message(projectNameSchema, "a".repeat(65))).toBe("Use at most 64 characters for the project name.");
  });

  it("keeps names in any script, with accents and emoji", () => {
    for (const name of ["Zoë Ødegård", "田中 太郎", "محمد", "Ada 👩‍💻"]) expect(personNameSchema.parse(name)).toBe(name);
  });
});

describe("firstTeamName", () => {
  it("is the person's name and 's team", () => {
    expect(firstTeamName("Ada")).toBe("Ada's team");
  });

  it("shortens the name with … so the team name is a valid one, without splitting a character", () => {
    const long = firstTeamName("A".repeat(80));
    expect(long.length).toBeLessThanOrEqual(TEAM_NAME_MAX);
    expect(long).toMatch(/^A+…'s team$/);
    expect(teamNameSchema.safeParse(long).success).toBe(true);
    const emoji = firstTeamName("😀".repeat(40));
    expect(emoji.length).toBeLessThanOrEqual(TEAM_NAME_MAX);
    expect(emoji).toMatch(/^(😀)+…'s team$/u);
  });
});
