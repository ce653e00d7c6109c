// The position-annotated tree that import/config-file.ts builds from dues.yaml and
// domain/config.ts validates. Plain data, no YAML library here: scalars keep their
// SOURCE TEXT (never a JS number), so an amount like 12.00 never passes through a float.

export interface Pos {
  /** 1-based line and column of the node's first character. */
  readonly line: number;
  readonly column: number;
}

export interface ScalarNode extends Pos {
  readonly kind: "scalar";
  /**
   * The text as the treasurer wrote it: for quoted and block scalars the string value,
   * for plain scalars the exact source ("12.00", "0.5%", "2022-01-01", "true").
   */
  readonly text: string;
  /** A plain `~`, `null` or an empty value. */
  readonly isNull: boolean;
  readonly quoted: boolean;
}

export interface MapEntry {
  readonly key: string;
  readonly keyPos: Pos;
  readonly value: Node;
}

export interface MapNode extends Pos {
  readonly kind: "map";
  readonly entries: readonly MapEntry[];
}

export interface SeqNode extends Pos {
  readonly kind: "seq";
  readonly items: readonly Node[];
}

export type Node = ScalarNode | MapNode | SeqNode;
