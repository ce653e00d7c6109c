// Guessing a CSV file's delimiter from its first lines: the candidate whose count per
// line (outside quotes) is most often the same non-zero number wins. Pure: text in, char out.
export const DELIMITERS = [",", "\t", ";", "|"] as const;

/** Normalises a configured delimiter ("\\t", "tab", "comma" …) to the character, or null if unknown. */
export function canonicalDelimiter(raw: string): string | null {
  const k = raw.trim().toLowerCase();
  if (raw === "\t" || k === "\\t" || k === "tab") return "\t";
  if (k === "," || k === "comma") return ",";
  if (k === ";" || k === "semicolon") return ";";
  if (k === "|" || k === "pipe") return "|";
  return null;
}

export function detectDelimiter(sample: string, maxLines = 50): string {
  const lines = splitSampleLines(sample, maxLines);
  let best: string = ",";
  let bestScore = -1;
  let bestMode = 0;
  for (const d of DELIMITERS) {
    const counts = new Map<number, number>();
    for (const l of lines) {
      const n = countOutsideQuotes(l, d);
      if (n > 0) counts.set(n, (counts.get(n) ?? 0) + 1);
    }
    let mode = 0;
    let freq = 0;
    for (const [n, f] of counts) if (f > freq || (f === freq && n > mode)) { mode = n; freq = f; }
    // More lines agreeing wins; then more fields per line (a semicolon file with decimal
    // commas has fewer commas than semicolons per line); then the listed order.
    if (freq > bestScore || (freq === bestScore && mode > bestMode)) {
      best = d;
      bestScore = freq;
      bestMode = mode;
    }
  }
  return best;
}

/** Non-blank lines of the sample, joining quoted newlines, dropping a possibly cut last line. */
function splitSampleLines(sample: string, maxLines: number): string[] {
  const out: string[] = [];
  let cur = "";
  let inQuotes = false;
  for (let i = 0; i < sample.length && out.length < maxLines; i++) {
    const ch = sample[i]!;
    if (ch === '"') inQuotes = !inQuotes;
    if (!inQuotes && (ch === "\n" || ch === "\r")) {
      if (cur.trim() !== "") out.push(cur);
      cur = "";
      continue;
    }
    cur += ch;
  }
  if (out.length === 0 && cur.trim() !== "") out.push(cur);
  return out;
}

function countOutsideQuotes(line: string, d: string): number {
  let n = 0;
  let inQuotes = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (ch === '"') inQuotes = !inQuotes;
    else if (!inQuotes && ch === d) n++;
  }
  return n;
}
