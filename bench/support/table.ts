/**
 * Benchmark results as Markdown tables: the same text reads fine in a terminal and pastes into bench/README.md
 * unchanged, so the numbers there are exactly what a run printed.
 */
export interface ResultTable {
  title: string;
  columns: string[];
  rows: string[][];
  /** Printed under the table: what was measured, skipped parts, missed targets with their likely cause. */
  notes?: string[];
}

export function renderTable(table: ResultTable): string {
  const widths = table.columns.map((column, i) => Math.max(column.length, ...table.rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: string[]) => `| ${cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  const lines = [
    `### ${table.title}`,
    '',
    line(table.columns),
    `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
    ...table.rows.map((row) => line(row)),
  ];
  if (table.notes && table.notes.length > 0) lines.push('', ...table.notes.map((note) => `- ${note}`));
  return `${lines.join('\n')}\n`;
}

export type Verdict = 'met' | 'MISSED' | 'n/a';

/** "met"/"MISSED" for a ratio against a bound; upper-case so a miss stands out in a long log. */
export function verdict(ratio: number, bound: number, direction: 'at least' | 'at most'): Verdict {
  if (!Number.isFinite(ratio)) return 'n/a';
  return (direction === 'at least' ? ratio >= bound : ratio <= bound) ? 'met' : 'MISSED';
}
