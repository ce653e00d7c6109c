// Every command module registers itself here. One line per module; keep sorted.
import type { Command } from "commander";
import type { Runner } from "../run.js";
import { register as budget } from "./budget.js";
import { register as config } from "./config.js";
import { register as importCommand } from "./import.js";
import { register as init } from "./init.js";
import { register as members } from "./members.js";
import { register as receive } from "./receive.js";
import { register as reconcile } from "./reconcile.js";
import { register as remit } from "./remit.js";

export type Register = (program: Command, run: Runner) => void;

export const registrations: Register[] = [
  budget,
  config,
  importCommand,
  init,
  members,
  receive,
  reconcile,
  remit,
];
