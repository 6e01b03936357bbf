/**
 * How deep a manifest's collections may nest. Kubernetes objects (CRD schemas included) stay far below it;
 * the YAML parser and every recursive step after it (toJS, rendering, comparisons) stay far below their
 * stack limits with it.
 */
export const MAX_NESTING_DEPTH = 256;

/**
 * What a document may expand to through its aliases, beyond its own size: an anchored container reused a
 * few times fits, a "billion laughs" document (or 999 aliases of one container) does not.
 */
export const EXPANSION_ALLOWANCE_BYTES = 1024 * 1024;

/** The expanded size may be this many times the document's own text, plus the allowance. */
export const EXPANSION_FACTOR = 4;

export interface YamlInputLimits {
  maxDepth: number;
  /** Budget on the expanded size of one document, in bytes of scalar text and structure. */
  maxExpandedBytes: number;
}

/** The limits for a document of `documentBytes` bytes of text. */
export function defaultYamlInputLimits(documentBytes: number): YamlInputLimits {
  return { maxDepth: MAX_NESTING_DEPTH, maxExpandedBytes: EXPANSION_ALLOWANCE_BYTES + EXPANSION_FACTOR * documentBytes };
}
