import { describe, expect, it } from "vitest";
import { jsonPieces, streamedArray, writeJson } from "../../src/cli/render/json-stream.js";

// The streamed JSON must be byte for byte what JSON.stringify(value, null, 2) writes.
describe("streamed JSON", () => {
  const rows = [
    { a: "x", n: 1, refs: [], nested: { b: [1, 2], c: null }, s: "line\nbreak \"quoted\" 中文" },
    { a: "y", n: -2.5, refs: ["r1", "r2"], nested: {}, gone: undefined },
  ];
  const value = (items: unknown[]) => ({ side: "affiliates", from: null, skipped: undefined, rows: items, deep: { more: items, k: 1 }, empty: {}, after: [{ z: true }] });
  const streamed = (items: unknown[]) => ({ side: "affiliates", from: null, skipped: undefined, rows: streamedArray(items), deep: { more: streamedArray(items.values()), k: 1 }, empty: {}, after: [{ z: true }] });

  it("has the bytes of JSON.stringify(value, null, 2), with rows and without", () => {
    for (const items of [rows, [], [rows[0]]]) {
      expect([...jsonPieces(streamed(items))].join("")).toBe(JSON.stringify(value(items), null, 2));
    }
    expect([...jsonPieces(streamedArray([]))].join("")).toBe("[]");
  });

  it("writes in chunks that add up to the whole, ending with a newline", () => {
    const many = Array.from({ length: 5000 }, (_, i) => ({ i, name: `affiliate ${i}`, refs: [String(i)] }));
    const chunks: string[] = [];
    writeJson((s) => chunks.push(s), { rows: streamedArray(many) });
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.join("")).toBe(JSON.stringify({ rows: many }, null, 2) + "\n");
  });
});
