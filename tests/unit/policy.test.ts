import { describe, expect, it } from "vitest";
import { PERMISSIONS, can, type Permission } from "@/lib/auth/policy";
import { ROLES, parseRole, type Role } from "@/lib/auth/roles";

const permissions = Object.keys(PERMISSIONS) as Permission[];

describe("can()", () => {
  it("knows the permissions the dashboard relies on", () => {
    expect(permissions).toEqual(expect.arrayContaining(["project:view", "project:create", "project:rename", "project:delete", "secret:reveal", "secret:rotate"]));
    expect(ROLES).toEqual(["owner", "admin", "member"]);
  });

  // Iterates every permission, so a newly added one is covered automatically.
  describe.each(permissions)("%s", (permission) => {
    it("is granted to owners and admins", () => {
      expect(can("owner", permission)).toBe(true);
      expect(can("admin", permission)).toBe(true);
    });

    it(`is ${permission === "project:view" ? "granted" : "refused"} to members`, () => {
      expect(can("member", permission)).toBe(permission === "project:view");
    });
  });

  it("members may do exactly one thing: project:view", () => {
    expect(permissions.filter((p) => can("member", p))).toEqual(["project:view"]);
  });

  it("every permission lists only known roles", () => {
    for (const permission of permissions) {
      for (const role of PERMISSIONS[permission]) expect(ROLES).toContain(role);
    }
  });

  it("a role that is not a Role (e.g. from a bad cast) is granted nothing", () => {
    for (const permission of permissions) {
      expect(can("superuser" as Role, permission)).toBe(false);
      expect(can("" as Role, permission)).toBe(false);
    }
  });
});

describe("parseRole", () => {
  it.each(ROLES)("keeps %s", (role) => expect(parseRole(role)).toBe(role));

  it.each(["Owner", "ADMIN", "superadmin", "", " owner", "root"])("downgrades unknown %j to member", (value) => {
    expect(parseRole(value)).toBe("member");
  });
});
