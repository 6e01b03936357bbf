/** One reason a YAML document is refused, with the offset of the node it is about. */
export interface YamlInputProblem {
  /** Offset in the text the document was parsed from. */
  offset: number;
  message: string;
  hint: string;
}
