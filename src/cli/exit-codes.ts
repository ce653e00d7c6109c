// The one place failures become exit codes (SPEC §7).
import type { RefusalKind } from "../domain/problem.js";

export const EXIT = {
  ok: 0,
  difference: 1,
  usage: 64,
  data: 65,
  missing: 66,
  internal: 70,
  cannotWrite: 73,
} as const;

export function exitCodeFor(kind: RefusalKind): number {
  switch (kind) {
    case "usage": return EXIT.usage;
    case "data": return EXIT.data;
    case "missing": return EXIT.missing;
    case "cannot-write": return EXIT.cannotWrite;
  }
}
