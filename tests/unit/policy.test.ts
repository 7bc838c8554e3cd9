// can() against the permission table as specified (tests/fixtures/permission-table.ts, written out by hand).
import { describe, expect, it } from "vitest";
import { can, PERMISSIONS, type Permission } from "@/lib/authz/policy";
import { parseRole, ROLES } from "@/lib/authz/roles";
import { ALL_PERMISSIONS, roleMay } from "../fixtures/permission-table";

describe("can()", () => {
  it("the spec names every permission the policy defines, and no others", () => {
    expect([...ALL_PERMISSIONS].sort()).toEqual(Object.keys(PERMISSIONS).sort());
  });

  for (const permission of Object.keys(PERMISSIONS) as Permission[]) {
    for (const role of ROLES) {
      it(`${role} ${roleMay(role, permission) ? "may" : "may not"} ${permission}`, () => {
        expect(can(role, permission)).toBe(roleMay(role, permission));
      });
    }
  }

  it("an unknown role string grants only what a member has", () => {
    expect(parseRole("superuser")).toBe("member");
    expect(parseRole("Owner")).toBe("member");
    expect(parseRole("owner")).toBe("owner");
  });
});
