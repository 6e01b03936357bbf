import { type Span } from './yaml-nodes.js';

/** A replacement of a span of the text, offered as a quick fix. */
export interface TextFix extends Span {
  title: string;
  text: string;
}

/**
 * A problem in a manifest as the editor shows it: where it is, what is wrong and what to do. `error` is what
 * enqueue refuses; `warning` is what it may accept (a parent that exists only in the cluster).
 */
export interface AuthoringProblem extends Span {
  severity: 'error' | 'warning';
  message: string;
  /** A stable identifier of the kind of problem (the editor's diagnostic code). */
  code: 'yaml' | 'unknown-field' | 'invalid-value' | 'unknown-parent' | 'unknown-after';
  fix?: TextFix;
}
