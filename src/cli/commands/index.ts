// Every command module registers itself here. One line per module; keep sorted.
import type { Command } from "commander";
import type { Runner } from "../run.js";
import { register as affiliates } from "./affiliates.js";
import { register as arrears } from "./arrears.js";
import { register as backup } from "./backup.js";
import { register as budget } from "./budget.js";
import { register as close } from "./close.js";
import { register as config } from "./config.js";
import { register as demo } from "./demo.js";
import { register as exportCommand } from "./export.js";
import { register as importCommand } from "./import.js";
import { register as init } from "./init.js";
import { register as members } from "./members.js";
import { register as receive } from "./receive.js";
import { register as reconcile } from "./reconcile.js";
import { register as record } from "./record.js";
import { register as refund } from "./refund.js";
import { register as remit } from "./remit.js";
import { register as report } from "./report.js";
import { register as verify } from "./verify.js";
import { register as voidCommand } from "./void.js";

export type Register = (program: Command, run: Runner) => void;

export const registrations: Register[] = [
  affiliates,
  arrears,
  backup,
  budget,
  close,
  config,
  demo,
  exportCommand,
  importCommand,
  init,
  members,
  receive,
  reconcile,
  record,
  refund,
  remit,
  report,
  verify,
  voidCommand,
];
