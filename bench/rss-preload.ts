// Preloaded into a bench child (`node --import`): on exit, writes the process's peak RSS
// (maxRSS, MB) to the file named by DUES_BENCH_RSS, so the parent can time the unchanged
// command (bin/dues, start-up included) and still know its memory high-water mark.
import { writeFileSync } from "node:fs";

const out = process.env.DUES_BENCH_RSS;
if (out) process.on("exit", () => writeFileSync(out, String(Math.round(process.resourceUsage().maxRSS / 1024))));
