// Every command module registers itself here. One line per module; keep sorted.
import type { Command } from "commander";
import type { Runner } from "../run.js";

export type Register = (program: Command, run: Runner) => void;

export const registrations: Register[] = [];
