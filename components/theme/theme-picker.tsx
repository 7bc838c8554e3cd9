"use client";
import { useId, useState } from "react";
import { cn } from "@/components/ui/cn";
import { isDarkTheme, THEME_CHOICES, themeCookie, type ThemeChoice } from "@/lib/theme/theme-choice";

const LABELS: Record<ThemeChoice, string> = { light: "Light", dark: "Dark", system: "System" };

/** Remembers the choice (cookie) and applies it at once, as the boot script in <head> does on the next load. */
function applyTheme(choice: ThemeChoice) {
  document.cookie = themeCookie(choice, location.protocol === "https:");
  const root = document.documentElement;
  root.dataset.theme = choice;
  root.classList.toggle("dark", isDarkTheme(choice, matchMedia("(prefers-color-scheme: dark)").matches));
}

/** Light, dark or the system's setting, as a radio group (arrow keys move between the options). */
export function ThemePicker({ initial, className }: { initial: ThemeChoice; className?: string }) {
  const [choice, setChoice] = useState(initial);
  const name = useId();
  return (
    <fieldset className={cn("flex flex-wrap items-center gap-x-3 gap-y-1", className)}>
      <legend className="float-left mr-3 text-sm font-medium text-text">Theme</legend>
      <div className="inline-flex rounded-md border border-border-input p-0.5">
        {THEME_CHOICES.map((option) => (
          <label
            key={option}
            className="cursor-pointer rounded px-3 py-1 text-sm text-text-soft hover:bg-surface-strong has-checked:bg-accent has-checked:text-on-accent has-focus-visible:outline-2 has-focus-visible:outline-offset-2 has-focus-visible:outline-focus"
          >
            <input
              type="radio"
              name={name}
              value={option}
              checked={choice === option}
              onChange={() => {
                setChoice(option);
                applyTheme(option);
              }}
              className="sr-only"
            />
            {LABELS[option]}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
