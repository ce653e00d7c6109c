// `dues verify`: recomputes everything the chain promises, trusting no trigger (someone
// may have dropped them with the sqlite3 CLI): entry order and links, hashes, balances,
// member-line digests, voids, closes, configuration texts, and SQLite's own integrity.
// The same walk on both backends: a ledger copied between them verifies the same.
import { createHash, type Hash } from "node:crypto";
import { BOOK_ACTION_KINDS, PER_POSTING_PERIOD_KINDS } from "../domain/journal.js";
import { text, type Text } from "../domain/text.js";
import {
  canonicalPosting, entryCanonical, entryHash, genesisHash, memberLineCanonical, sha256Hex,
  type BatchHeader, type CanonicalPosting, type MemberLineTuple,
} from "./canonical.js";
import type { Dialect } from "./migrations/types.js";
import type { SqlDb } from "./sql.js";

export interface VerifyBreak {
  /** Stable: VERIFY_ENTRY_CHANGED, VERIFY_ENTRY_MISSING, ... */
  readonly code: string;
  readonly seq?: number;
  readonly batch?: number;
  readonly message: Text;
}

export interface VerifyReport {
  readonly ok: boolean;
  readonly entries: number;
  readonly postings: number;
  readonly memberLines: number;
  readonly head: { seq: number; hash: string } | null;
  /** The lowest entry number among the breaks, when one is known. */
  readonly firstBroken: number | null;
  readonly breaks: readonly VerifyBreak[];
  /** With `--head HASH`: whether HASH is an entry of this chain, and how many came after it. */
  readonly headCheck?: { hash: string; found: boolean; seq: number | null; after: number };
}

// Enough to act on; a wholesale rewrite would otherwise print thousands of lines.
const MAX_BREAKS = 200;

interface EntryDb {
  seq: number; date: string; period: string; kind: string; memo: string; batch: number; ref: string | null;
  body: string | null; reverses: number | null; postings: number; debit_total: number; lines_count: number | null;
  lines_digest: string | null; recorded_at: string; prev_hash: string; hash: string;
}

export function verifyLedger(db: SqlDb, dialect: Dialect, meta: { chart: string; currency: string; digits: number; createdAt: string }, o: { head?: string } = {}): VerifyReport {
  try {
    return walk(db, dialect, meta, o);
  } catch (e) {
    // A damaged file can fail any read: that is a finding, not a crash.
    const code = (e as { code?: string }).code ?? "";
    if (!/^SQLITE_(CORRUPT|NOTADB|IOERR)/.test(code)) throw e;
    let integrity = "";
    try {
      integrity = (db.prepare("PRAGMA integrity_check").all() as { integrity_check: string }[]).slice(0, 3).map((r) => r.integrity_check).join("; ");
    } catch {
      // Even the integrity check could not run; the read error says enough.
    }
    const why = `${(e as Error).message}${integrity ? ` (${integrity})` : ""}`;
    return {
      ok: false, entries: 0, postings: 0, memberLines: 0, head: null, firstBroken: null,
      breaks: [{ code: "VERIFY_SQLITE_INTEGRITY", message: text(`the ledger file is damaged: ${why}`, `账本文件已损坏：${why}`) }],
    };
  }
}

/** fn over one snapshot: a writer in another process cannot move the ground meanwhile. */
function inSnapshot<T>(db: SqlDb, dialect: Dialect, fn: () => T): T {
  if (dialect === "sqlite" || db.inTransaction) return db.transaction(fn)();
  db.exec("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
  try {
    return fn();
  } finally {
    db.exec("ROLLBACK");
  }
}

function walk(db: SqlDb, dialect: Dialect, meta: { chart: string; currency: string; digits: number; createdAt: string }, o: { head?: string }): VerifyReport {
  const breaks: VerifyBreak[] = [];
  const add = (b: VerifyBreak) => { if (breaks.length < MAX_BREAKS) breaks.push(b); };

  return inSnapshot(db, dialect, () => {
    // ---- SQLite's own check first: a corrupt file makes every other answer doubtful.
    // (PostgreSQL checks its pages itself; docs/postgres.md says what it does not check.)
    const integrity = dialect === "sqlite" ? (db.prepare("PRAGMA integrity_check").all() as { integrity_check: string }[]).map((r) => r.integrity_check) : ["ok"];
    if (!(integrity.length === 1 && integrity[0] === "ok")) {
      add({ code: "VERIFY_SQLITE_INTEGRITY", message: text(`SQLite integrity check failed: ${integrity.slice(0, 3).join("; ")}`, `SQLite 完整性检查失败：${integrity.slice(0, 3).join("；")}`) });
    }

    // ---- Batch headers (covered through every entry of the batch).
    const headers = new Map<number, BatchHeader>();
    for (const r of db.prepare("SELECT id, kind, period, source, file, sha256, encoding, rows, config_sha256, memo, created_at, created_by FROM batches ORDER BY id").raw().iterate() as IterableIterator<[number, ...BatchHeader]>) {
      headers.set(r[0], r.slice(1) as BatchHeader);
    }

    // ---- The chain.
    // Postings in one ordered pass beside the entries (a merge join), not one query per
    // entry: on a server each query is a round trip. Postings of no entry are skipped here
    // and reported below.
    type PostingDb = [entry: number, line: number, period: string, account: string, body: string | null, member: string | null, amount: number, project: string | null];
    const allPostings = db.prepare("SELECT entry, line, period, account, body, member, amount, project FROM postings ORDER BY entry, line").raw().iterate() as IterableIterator<PostingDb>;
    let nextPosting = allPostings.next();
    const postingsOf = (seq: number): [number, string, string, string | null, string | null, number, string | null][] => {
      const out: [number, string, string, string | null, string | null, number, string | null][] = [];
      while (!nextPosting.done && nextPosting.value[0] < seq) nextPosting = allPostings.next();
      while (!nextPosting.done && nextPosting.value[0] === seq) {
        out.push(nextPosting.value.slice(1) as [number, string, string, string | null, string | null, number, string | null]);
        nextPosting = allPostings.next();
      }
      return out;
    };
    let expected = 1;
    let prevHash = genesisHash(meta);
    let count = 0;
    let postingTotal = 0;
    let head: { seq: number; hash: string } | null = null;
    const entriesOfBatch = new Map<number, EntryDb[]>();
    const entryBySeq = new Map<number, { hash: string; kind: string; ref: string | null; batch: number; reverses: number | null; period: string; postings: CanonicalPosting[] }>();
    for (const e of db.prepare("SELECT * FROM entries ORDER BY seq").iterate() as IterableIterator<EntryDb>) {
      count++;
      // Ordered by a unique seq, a row can only be ahead of the expected number: a gap.
      // An inserted row shows up as a broken link or a changed hash instead.
      if (e.seq > expected) {
        add({ code: "VERIFY_ENTRY_MISSING", seq: expected, message: text(
          e.seq === expected + 1 ? `entry #${expected} is missing (removed)` : `entries #${expected}–#${e.seq - 1} are missing (removed)`,
          e.seq === expected + 1 ? `分录 #${expected} 缺失（已被删除）` : `分录 #${expected}–#${e.seq - 1} 缺失（已被删除）`) });
      }
      if (e.prev_hash !== prevHash) {
        add({ code: "VERIFY_CHAIN_BROKEN", seq: e.seq, message: text(`entry #${e.seq} does not link to the entry before it (an entry was inserted, removed or rewritten)`, `分录 #${e.seq} 与前一分录的哈希链接不符（有分录被插入、删除或改写）`) });
      }
      const header = headers.get(e.batch);
      const ps = postingsOf(e.seq);
      postingTotal += ps.length;
      const canonicalPostings: CanonicalPosting[] = ps.map((p) => canonicalPosting({ account: p[2], body: p[3], member: p[4], amount: p[5], period: p[1], project: p[6] }, e.period));
      if (!header) {
        add({ code: "VERIFY_BATCH_MISSING", seq: e.seq, batch: e.batch, message: text(`entry #${e.seq} names batch ${e.batch}, which is missing`, `分录 #${e.seq} 所属批次 ${e.batch} 不存在`) });
      } else {
        const recomputed = entryHash(e.prev_hash, entryCanonical({
          seq: e.seq, date: e.date, period: e.period, kind: e.kind, memo: e.memo, batch: e.batch, ref: e.ref, body: e.body,
          reverses: e.reverses, recordedAt: e.recorded_at, linesCount: e.lines_count, linesDigest: e.lines_digest,
        }, header, canonicalPostings));
        if (recomputed !== e.hash) {
          add({ code: "VERIFY_ENTRY_CHANGED", seq: e.seq, message: text(`entry #${e.seq}, its postings or its batch were changed after it was written`, `分录 #${e.seq}、其明细或其批次在写入后被修改`) });
        }
      }
      let sum = 0;
      let debit = 0;
      let lineOk = true;
      ps.forEach((p, i) => {
        sum += p[5];
        if (p[5] > 0) debit += p[5];
        // An opening line may name an earlier period than its entry (the canonical text covers it).
        if (p[0] !== i + 1 || (p[1] !== e.period && !(PER_POSTING_PERIOD_KINDS.includes(e.kind) && p[1] < e.period))) lineOk = false;
      });
      if (sum !== 0) {
        add({ code: "VERIFY_UNBALANCED", seq: e.seq, message: text(`entry #${e.seq} does not balance (postings sum to ${sum} minor units)`, `分录 #${e.seq} 借贷不平（差额 ${sum} 个最小单位）`) });
      }
      if (ps.length !== e.postings || debit !== e.debit_total || !lineOk) {
        add({ code: "VERIFY_POSTINGS_CHANGED", seq: e.seq, message: text(`entry #${e.seq} has ${ps.length} postings where it recorded ${e.postings}, or their totals changed`, `分录 #${e.seq} 现有 ${ps.length} 条明细，记录为 ${e.postings} 条，或合计被改动`) });
      }
      if (ps.length === 0 && !BOOK_ACTION_KINDS.includes(e.kind)) {
        add({ code: "VERIFY_UNBALANCED", seq: e.seq, message: text(`entry #${e.seq} has no postings`, `分录 #${e.seq} 没有明细`) });
      }
      const list = entriesOfBatch.get(e.batch) ?? [];
      list.push(e);
      entriesOfBatch.set(e.batch, list);
      entryBySeq.set(e.seq, { hash: e.hash, kind: e.kind, ref: e.ref, batch: e.batch, reverses: e.reverses, period: e.period, postings: canonicalPostings });
      prevHash = e.hash;
      head = { seq: e.seq, hash: e.hash };
      expected = e.seq + 1;
    }

    // ---- Removed tail entries: AUTOINCREMENT-like high-water marks kept elsewhere.
    allPostings.return?.();
    const maxBatchSeq = db.prepare("SELECT MAX(seq) AS m FROM entries").get() as { m: number | null };
    const marks = new Map((db.prepare(`SELECT name, seq FROM ${dialect === "sqlite" ? "sqlite_sequence" : "dues_sequence"}`).all() as { name: string; seq: number }[]).map((r) => [r.name, r.seq]));
    const entryMark = marks.get("entries") ?? 0;
    if (entryMark > (maxBatchSeq.m ?? 0)) {
      const from = (maxBatchSeq.m ?? 0) + 1;
      add({ code: "VERIFY_ENTRY_MISSING", seq: from, message: text(
        `entries #${from}–#${entryMark} were written and are missing (the newest entries were removed)`,
        `分录 #${from}–#${entryMark} 曾写入但已缺失（最新的分录被删除）`) });
    }
    const batchMark = marks.get("batches") ?? 0;
    const maxBatch = Math.max(0, ...headers.keys());
    if (batchMark > maxBatch) {
      add({ code: "VERIFY_BATCH_MISSING", seq: (maxBatchSeq.m ?? 0) + 1, message: text(`batches ${maxBatch + 1}–${batchMark} were written and are missing (removed)`, `批次 ${maxBatch + 1}–${batchMark} 曾写入但已缺失（被删除）`) });
    }
    const orphans = db.prepare("SELECT DISTINCT entry FROM postings WHERE entry NOT IN (SELECT seq FROM entries) ORDER BY entry LIMIT 5").all() as { entry: number }[];
    for (const o of orphans) {
      add({ code: "VERIFY_ENTRY_MISSING", seq: o.entry, message: text(`postings of entry #${o.entry} remain but the entry is missing (removed)`, `分录 #${o.entry} 的明细仍在，但分录已被删除`) });
    }
    const postingRows = (db.prepare("SELECT COUNT(*) AS n FROM postings").get() as { n: number }).n;
    if (postingRows !== postingTotal && orphans.length === 0) {
      add({ code: "VERIFY_POSTINGS_CHANGED", message: text(`${postingRows - postingTotal} postings belong to no entry`, `有 ${postingRows - postingTotal} 条明细不属于任何分录`) });
    }
    for (const [id, h] of headers) {
      if (!entriesOfBatch.has(id)) {
        add({ code: "VERIFY_ENTRY_MISSING", batch: id, seq: (maxBatchSeq.m ?? 0) + 1, message: text(`batch ${id} (${h[0]}${h[1] ? " " + h[1] : ""}) has no entries: its entries were removed`, `批次 ${id}（${h[0]}${h[1] ? " " + h[1] : ""}）没有分录：分录已被删除`) });
      }
    }

    // ---- Member lines against the digests their batch's entries recorded.
    let memberLines = 0;
    let current: { batch: number; hash: Hash; buf: string; n: number; checkpoints: EntryDb[]; bad: boolean; nextCheck: number } | null = null;
    const finish = () => {
      if (!current) return;
      const c = current;
      const covered = c.checkpoints.length ? c.checkpoints[c.checkpoints.length - 1]!.lines_count! : 0;
      if (!c.bad && c.n !== covered) {
        const seq = c.checkpoints[c.checkpoints.length - 1]?.seq;
        add({ code: "VERIFY_MEMBER_LINES_CHANGED", batch: c.batch, seq, message: text(
          `batch ${c.batch} has ${c.n} member lines where its entries cover ${covered} (lines inserted or removed)`,
          `批次 ${c.batch} 有 ${c.n} 条会员明细，分录只覆盖 ${covered} 条（明细被插入或删除）`) });
      }
    };
    for (const r of db.prepare(`SELECT batch_id, period, member_id, source_line, name, department, status, is_member, exempt, exempt_reason,
        dues_base, truncated_base, rate_text, dues, deducted, difference, funds_base FROM member_lines ORDER BY batch_id, id`).raw().iterate() as IterableIterator<[number, ...MemberLineTuple]>) {
      memberLines++;
      const batch = r[0];
      if (!current || current.batch !== batch) {
        finish();
        const checkpoints: EntryDb[] = (entriesOfBatch.get(batch) ?? []).filter((e) => e.lines_count !== null);
        current = { batch, hash: createHash("sha256"), buf: "", n: 0, checkpoints, bad: false, nextCheck: checkpoints[0]?.lines_count ?? -1 };
        if (!headers.has(batch)) {
          add({ code: "VERIFY_MEMBER_LINES_CHANGED", batch, message: text(`member lines name batch ${batch}, which does not exist`, `会员明细所属批次 ${batch} 不存在`) });
          current.bad = true;
        }
      }
      const c = current;
      c.buf += memberLineCanonical(r.slice(1) as MemberLineTuple);
      c.n++;
      if (c.bad) continue;
      if (c.buf.length > 65536) { c.hash.update(c.buf); c.buf = ""; }
      if (c.n !== c.nextCheck) continue;
      const cp = c.checkpoints.find((e) => e.lines_count === c.n)!;
      c.hash.update(c.buf);
      c.buf = "";
      c.nextCheck = c.checkpoints.find((e) => e.lines_count! > c.n)?.lines_count ?? -1;
      if (c.hash.copy().digest("hex") !== cp.lines_digest) {
        add({ code: "VERIFY_MEMBER_LINES_CHANGED", batch, seq: cp.seq, message: text(
          `member lines of batch ${batch} no longer match the digest entry #${cp.seq} recorded (changed, inserted or removed)`,
          `批次 ${batch} 的会员明细与分录 #${cp.seq} 记录的摘要不符（被修改、插入或删除）`) });
        c.bad = true;
      }
    }
    finish();
    // Batches whose entries promise member lines that are gone entirely.
    for (const [batch, list] of entriesOfBatch) {
      const promised = list.filter((e) => e.lines_count !== null);
      if (promised.length && !(db.prepare("SELECT 1 FROM member_lines WHERE batch_id = ? LIMIT 1").get(batch))) {
        add({ code: "VERIFY_MEMBER_LINES_CHANGED", batch, seq: promised[0]!.seq, message: text(`the member lines of batch ${batch} are missing (removed)`, `批次 ${batch} 的会员明细缺失（已被删除）`) });
      }
    }

    // ---- Voids: each record matches a void batch whose entries reverse the original's.
    const voids = db.prepare("SELECT batch, void_batch FROM batch_voids").all() as { batch: number; void_batch: number }[];
    const voidBatches = new Set(voids.map((v) => v.void_batch));
    for (const v of voids) {
      const originals = (entriesOfBatch.get(v.batch) ?? []).map((e) => e.seq);
      const reversals = entriesOfBatch.get(v.void_batch) ?? [];
      const ok = headers.get(v.void_batch)?.[0] === "void"
        && reversals.length === originals.length
        && reversals.every((r) => {
          const orig = r.reverses !== null ? entryBySeq.get(r.reverses) : undefined;
          const mine = entryBySeq.get(r.seq)!;
          return orig !== undefined && orig.batch === v.batch && orig.postings.length === mine.postings.length
            && orig.postings.every((p, i) => {
              const q = mine.postings[i]!;
              // Same account, body, member, project and own period (against each entry's period), opposite sign.
              const rest = (x: CanonicalPosting, period: string) => JSON.stringify([x[4] ?? null, x[5] ?? null, period]);
              return p[0] === q[0] && p[1] === q[1] && p[2] === q[2] && p[3] === -q[3] && rest(p, orig.period) === rest(q, mine.period);
            });
        });
      if (!ok) {
        add({ code: "VERIFY_VOID_MISMATCH", batch: v.batch, seq: reversals[0]?.seq, message: text(`the void record of batch ${v.batch} does not match the reversing entries of batch ${v.void_batch}`, `批次 ${v.batch} 的冲销记录与批次 ${v.void_batch} 的冲销分录不符`) });
      }
    }
    for (const [id, h] of headers) {
      if (h[0] === "void" && !voidBatches.has(id)) {
        add({ code: "VERIFY_VOID_MISMATCH", batch: id, seq: entriesOfBatch.get(id)?.[0]?.seq, message: text(`void batch ${id} has no void record (removed: its batch would look live)`, `冲销批次 ${id} 缺少冲销记录（被删除后原批次会显得仍有效）`) });
      }
    }

    // ---- Closes: each row matches its close/reopen entry and the chain head it recorded.
    const closes = db.prepare("SELECT id, period, action, entry, head_seq, head_hash FROM closes ORDER BY id").all() as { id: number; period: string; action: string; entry: number; head_seq: number | null; head_hash: string | null }[];
    const closeEntries = new Set<number>();
    for (const c of closes) {
      closeEntries.add(c.entry);
      const e = entryBySeq.get(c.entry);
      const headAt = c.head_seq !== null ? entryBySeq.get(c.head_seq) : undefined;
      const ok = e !== undefined && e.kind === c.action && e.ref === c.period
        && c.head_seq === (c.entry > 1 ? c.entry - 1 : null)
        && (c.head_seq === null ? c.head_hash === null : headAt?.hash === c.head_hash);
      if (!ok) {
        add({ code: "VERIFY_CLOSE_MISMATCH", seq: c.entry, message: text(`the ${c.action} of ${c.period} recorded a chain head that the chain no longer has`, `${c.period} 的${c.action === "close" ? "结账" : "重开"}记录的链头与现有链不符`) });
      }
    }
    for (const [seq, e] of entryBySeq) {
      if ((e.kind === "close" || e.kind === "reopen") && !closeEntries.has(seq)) {
        add({ code: "VERIFY_CLOSE_MISMATCH", seq, message: text(`the ${e.kind} entry #${seq} of ${e.ref} has no close record (removed: the month would look open)`, `分录 #${seq}（${e.ref} ${e.kind}）缺少结账记录（被删除后该月会显得未结账）`) });
      }
    }

    // ---- Configuration texts against their hashes.
    for (const c of db.prepare("SELECT sha256, text FROM configs").iterate() as IterableIterator<{ sha256: string; text: string }>) {
      if (sha256Hex(c.text) !== c.sha256) {
        add({ code: "VERIFY_CONFIG_CHANGED", message: text(`the configuration stored as ${c.sha256.slice(0, 12)}… was changed`, `存档配置 ${c.sha256.slice(0, 12)}… 被修改`) });
      }
    }

    let headCheck: VerifyReport["headCheck"];
    if (o.head !== undefined) {
      const want = o.head.trim().toLowerCase();
      let found: number | null = null;
      for (const [seq, e] of entryBySeq) if (e.hash === want || (want.length >= 12 && e.hash.startsWith(want))) { found = seq; break; }
      headCheck = { hash: want, found: found !== null, seq: found, after: found === null ? 0 : [...entryBySeq.keys()].filter((s) => s > found!).length };
    }

    const seqs = breaks.map((b) => b.seq).filter((s): s is number => s !== undefined);
    return {
      ok: breaks.length === 0 && (headCheck === undefined || headCheck.found),
      entries: count,
      postings: postingTotal,
      memberLines,
      head,
      firstBroken: seqs.length ? Math.min(...seqs) : null,
      breaks,
      headCheck,
    };
  });
}
