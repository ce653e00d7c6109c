// Opening the union's files for a command: the app-level workspace, plus adopting the
// configuration's locale for messages unless --lang chose one.
import { openLedgerOnly, openWorkspace, type LedgerOnly, type LoadedConfig, type Workspace } from "../app/workspace.js";
import type { CommandContext } from "./context.js";
import { formatProblems } from "./render/problems.js";

function pathOptions(ctx: CommandContext) {
  return { config: ctx.globals.config, db: ctx.globals.db, cwd: ctx.cwd, env: ctx.env };
}

function showWarnings(ctx: CommandContext, loaded: Pick<LoadedConfig, "warnings">): void {
  if (loaded.warnings.length && !ctx.globals.json) ctx.note(formatProblems(loaded.warnings, ctx.lang, ctx.err));
}

export function workspaceFor(ctx: CommandContext): Workspace {
  const ws = openWorkspace(pathOptions(ctx));
  ctx.adoptLocale(ws.config.union.locale);
  showWarnings(ctx, ws);
  return ws;
}

export function ledgerFor(ctx: CommandContext): LedgerOnly {
  const lo = openLedgerOnly(pathOptions(ctx));
  if (lo.config) ctx.adoptLocale(lo.config.union.locale);
  return lo;
}

export { pathOptions };
