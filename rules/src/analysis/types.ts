/**
 * The data contract between the shared analysis and its two front ends (the ESLint rules and the
 * codemod transforms). Findings are plain data: every position is a `[start, end)` character offset
 * into the file text, so a transform can locate its nodes in any AST of the same text.
 */

/** `[start, end)` character offsets into the analysed file's text. */
export type Range = readonly [start: number, end: number];

/** The rules of eslint-plugin-bounded. Each finding belongs to exactly one of them. */
export type RuleName =
  | 'no-unbounded-collection'
  | 'no-unbounded-cache'
  | 'no-leaked-listener'
  | 'no-leaked-interval'
  | 'no-unbounded-string';

/** The codemod transforms of bounded-codemod; a rewrite names the one that applies it. */
export type TransformName = 'ring-buffer' | 'ttl-map' | 'listener-cleanup' | 'interval-cleanup';

/** One replacement of the file text. Edits of one rewrite never overlap. */
export interface TextEdit {
  readonly range: Range;
  readonly text: string;
}

/**
 * The bounded rewrite of one finding: exactly what the ESLint suggestion applies and what the codemod
 * transform applies, so both front ends produce the same text.
 */
export interface Rewrite {
  readonly transform: TransformName;
  /** Imperative sentence shown as the suggestion description, e.g. "Replace with a RingBuffer of capacity MAX_EVENTS". */
  readonly description: string;
  /** Non-overlapping text edits, in any order. */
  readonly edits: readonly TextEdit[];
  /** Named imports the rewritten file needs from the `bounded` runtime (e.g. `['RingBuffer']`). */
  readonly imports: readonly string[];
}

/** One report of one rule. */
export interface Finding {
  readonly rule: RuleName;
  /** A key of the rule's `meta.messages`. */
  readonly messageId: string;
  /** Placeholders of that message. */
  readonly data: Readonly<Record<string, string | number>>;
  /** Where the report goes: the declaration of the field/binding, or the add/setInterval call. */
  readonly range: Range;
  /** The field or binding as the user wrote it (`events`, `#runs`, `static cache`, `sessions`). */
  readonly name: string;
  /** The growth or registration sites the message names (first one is named in the message). */
  readonly sites: readonly Range[];
  /** The bounded rewrite, when one exists and is safe within this file. */
  readonly rewrite?: Rewrite;
  /** Why no rewrite is offered (shown by the codemod as the skip reason). */
  readonly skipReason?: string;
}
