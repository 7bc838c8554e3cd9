// The permission table, written out independently of lib/authz/policy.ts: a change to either fails here.
import { describe, expect, it } from "vitest";
import { can, PERMISSIONS, type Permission } from "@/lib/authz/policy";
import { parseRole, ROLES, type Role } from "@/lib/authz/roles";

const EXPECTED: Record<Permission, Record<Role, boolean>> = {
  "team:view": { owner: true, admin: true, member: true },
  "team:rename": { owner: true, admin: true, member: false },
  "team:delete": { owner: true, admin: false, member: false },
  "members:view": { owner: true, admin: true, member: true },
  "members:invite": { owner: true, admin: true, member: false },
  "members:manage": { owner: true, admin: true, member: false },
  "owners:manage": { owner: true, admin: false, member: false },
  "audit:view": { owner: true, admin: true, member: false },
  "project:view": { owner: true, admin: true, member: true },
  "project:create": { owner: true, admin: true, member: false },
  "project:rename": { owner: true, admin: true, member: false },
  "project:delete": { owner: true, admin: true, member: false },
  "secret:reveal": { owner: true, admin: true, member: false },
  "secret:rotate": { owner: true, admin: true, member: false },
  "secret:expire": { owner: true, admin: true, member: false },
  "token:debug": { owner: true, admin: true, member: true },
};

describe("can()", () => {
  it("has an expectation for every permission the policy defines, and no others", () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(Object.keys(PERMISSIONS).sort());
  });

  for (const permission of Object.keys(PERMISSIONS) as Permission[]) {
    for (const role of ROLES) {
      it(`${role} ${EXPECTED[permission][role] ? "may" : "may not"} ${permission}`, () => {
        expect(can(role, permission)).toBe(EXPECTED[permission][role]);
      });
    }
  }

  it("members can never see or change the secret", () => {
    for (const permission of ["secret:reveal", "secret:rotate", "secret:expire"] as const) expect(can("member", permission)).toBe(false);
  });

  it("an unknown role string grants only what a member has", () => {
    expect(parseRole("superuser")).toBe("member");
    expect(parseRole("Owner")).toBe("member");
    expect(parseRole("owner")).toBe("owner");
  });
});
