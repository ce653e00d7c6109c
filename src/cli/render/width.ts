// Display width in terminal columns: CJK characters take two, so Chinese names line up.
import stringWidth from "string-width";

export function displayWidth(s: string): number {
  return stringWidth(s);
}

export function padEnd(s: string, width: number): string {
  return s + " ".repeat(Math.max(0, width - displayWidth(s)));
}

export function padStart(s: string, width: number): string {
  return " ".repeat(Math.max(0, width - displayWidth(s))) + s;
}

/** Cuts a string to at most `width` columns, ending with "…" when it was cut. */
export function truncate(s: string, width: number): string {
  if (displayWidth(s) <= width) return s;
  let out = "";
  for (const ch of s) {
    if (displayWidth(out + ch) > width - 1) break;
    out += ch;
  }
  return out + "…";
}
