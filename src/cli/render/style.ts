// Colour for a stream: only when it is a terminal and neither --no-color nor NO_COLOR
// says otherwise. chalk is confined to cli/.
import { Chalk, type ChalkInstance } from "chalk";

export function makeStyle(enabled: boolean): ChalkInstance {
  return new Chalk({ level: enabled ? 1 : 0 });
}

export function colourWanted(stream: NodeJS.WriteStream | { isTTY?: boolean }, noColorFlag: boolean, env: NodeJS.ProcessEnv): boolean {
  if (noColorFlag) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== "0") return true;
  return Boolean(stream.isTTY);
}
