import { type Document, type ToStringOptions, isCollection, isMap, isPair, isScalar, isSeq, visit } from 'yaml';

/** kubectl's layout: two-space indent, list dashes level with their key, no line folding. */
export const KUBECTL_LAYOUT: ToStringOptions = {
  indent: 2,
  indentSeq: false,
  lineWidth: 0,
  flowCollectionPadding: false,
};

/**
 * The layout a document was written in, so a re-rendered document looks like its author's: indentation
 * width, and whether list dashes are indented under their key (`containers:\n  - name:`) or level with it
 * (kubectl's `containers:\n- name:`). Falls back to kubectl's layout for what the document does not show.
 */
export function detectLayout(doc: Document, text: string): ToStringOptions {
  let indent: number | undefined;
  let indentSeq: boolean | undefined;
  visit(doc, {
    Pair(_key, pair) {
      if (!isPair(pair) || !isScalar(pair.key) || !isCollection(pair.value) || pair.value.flow) return undefined;
      const keyStart = pair.key.range?.[0];
      const valueStart = pair.value.range?.[0];
      if (keyStart === undefined || valueStart === undefined) return undefined;
      const keyColumn = columnOf(text, keyStart);
      const valueColumn = columnOf(text, valueStart);
      if (onSameLine(text, keyStart, valueStart)) return undefined;
      if (isMap(pair.value) && indent === undefined && valueColumn > keyColumn) indent = valueColumn - keyColumn;
      if (isSeq(pair.value) && indentSeq === undefined) indentSeq = valueColumn > keyColumn;
      return indent !== undefined && indentSeq !== undefined ? visit.BREAK : undefined;
    },
  });
  return { ...KUBECTL_LAYOUT, indent: indent ?? KUBECTL_LAYOUT.indent, indentSeq: indentSeq ?? KUBECTL_LAYOUT.indentSeq };
}

function columnOf(text: string, offset: number): number {
  return offset - (text.lastIndexOf('\n', offset - 1) + 1);
}

/** True when both offsets are on the same line (a value written after its key, not below it). */
function onSameLine(text: string, from: number, to: number): boolean {
  const newline = text.indexOf('\n', from);
  return newline < 0 || newline >= to;
}
