// Which member each role may manage, and which roles it may give: written out, not derived.
import { describe, expect, it } from "vitest";
import { canManageMember, grantableRoles, invitableRoles } from "@/lib/authz/member-rules";
import { ROLES, type Role } from "@/lib/authz/roles";

const MANAGES: Record<Role, Role[]> = { owner: ["owner", "admin", "member"], admin: ["admin", "member"], member: [] };

describe("member rules", () => {
  for (const actor of ROLES) {
    for (const target of ROLES) {
      const may = MANAGES[actor].includes(target);
      it(`${actor} ${may ? "may" : "may not"} manage a ${target}`, () => expect(canManageMember(actor, target)).toBe(may));
    }
  }

  it("only owners give the owner role; nobody is invited as owner", () => {
    expect(grantableRoles("owner")).toEqual(["owner", "admin", "member"]);
    expect(grantableRoles("admin")).toEqual(["admin", "member"]);
    expect(grantableRoles("member")).toEqual([]);
    expect(invitableRoles("owner")).toEqual(["admin", "member"]);
    expect(invitableRoles("admin")).toEqual(["admin", "member"]);
    expect(invitableRoles("member")).toEqual([]);
  });
});
