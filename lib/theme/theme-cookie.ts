import "server-only";
import { cookies } from "next/headers";
import { parseThemeChoice, THEME_COOKIE, type ThemeChoice } from "@/lib/theme/theme-choice";

/** The theme this request's visitor chose (server components: the root layout and the pickers' initial state). */
export async function readThemeChoice(): Promise<ThemeChoice> {
  return parseThemeChoice((await cookies()).get(THEME_COOKIE)?.value);
}
