// Bilingual text: every user-facing string carries English and Chinese, so a missing
// translation is a type error rather than a surprise in front of a treasurer.
export type Lang = "en" | "zh-CN";

export interface Text {
  readonly en: string;
  readonly zh: string;
}

/** Builds a Text; the second argument is the zh-CN wording. */
export function text(en: string, zh: string): Text {
  return { en, zh };
}

export function pick(t: Text, lang: Lang): string {
  return lang === "zh-CN" ? t.zh : t.en;
}
