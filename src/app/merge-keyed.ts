// Merging sources that are each in key order (byte order of an id, as TEXT collates on both
// backends) into one pass over the keys: per key, what each source has for it. Lets a
// command fold one affiliate at a time from several ordered queries instead of holding them.

/** Consecutive items with the same key, as [key, items] (the source must be in key order). */
export function* runsByKey<T>(items: Iterable<T>, key: (x: T) => string): IterableIterator<readonly [string, T[]]> {
  let run: T[] = [];
  let k = "";
  for (const x of items) {
    const kx = key(x);
    if (run.length && kx !== k) {
      yield [k, run];
      run = [];
    }
    k = kx;
    run.push(x);
  }
  if (run.length) yield [k, run];
}

/** Per key in ascending order: each source's value for it, or undefined. */
export function* mergeKeyed<T extends readonly unknown[]>(sources: { readonly [K in keyof T]: Iterable<readonly [string, T[K]]> }): IterableIterator<readonly [string, { [K in keyof T]: T[K] | undefined }]> {
  const its = (sources as readonly Iterable<readonly [string, unknown]>[]).map((s) => s[Symbol.iterator]());
  const heads = its.map((it) => it.next());
  for (;;) {
    let min: string | undefined;
    for (const h of heads) if (!h.done && (min === undefined || h.value[0] < min)) min = h.value[0];
    if (min === undefined) return;
    const out = heads.map((h, i) => {
      if (h.done || h.value[0] !== min) return undefined;
      const v = h.value[1];
      heads[i] = its[i]!.next();
      return v;
    });
    yield [min, out as { [K in keyof T]: T[K] | undefined }];
  }
}

/** Each item with its key, as [key, item]. */
export function* keyed<T>(items: Iterable<T>, key: (x: T) => string): IterableIterator<readonly [string, T]> {
  for (const x of items) yield [key(x), x];
}
