/**
 * A table laid out as kubectl's tab writer lays out `-o custom-columns`: every column but the last is padded
 * to its widest cell plus three spaces, and to at least six; the last is not padded. Cells are kept as they
 * are (kubectl does not trim), so `--no-headers` output lines up with kubectl's byte for byte.
 */
export function renderTabWriterTable(rows: readonly (readonly string[])[]): string {
  if (rows.length === 0) return '';
  const columns = Math.max(...rows.map((row) => row.length));
  const widths = Array.from({ length: columns - 1 }, (_, col) => Math.max(6, ...rows.map((row) => [...(row[col] ?? '')].length + 3)));
  return rows
    .map((row) => row.map((cell, col) => (col < row.length - 1 ? cell + ' '.repeat((widths[col] ?? 0) - [...cell].length) : cell)).join(''))
    .map((line) => `${line}\n`)
    .join('');
}
