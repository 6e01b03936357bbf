/**
 * kubectl's table layout: upper-case headers, columns left-aligned and separated by three spaces, no
 * trailing spaces. `--no-headers` drops the header row.
 */
export function renderTable(headers: string[], rows: string[][], options: { noHeaders?: boolean } = {}): string {
  const all = options.noHeaders ? rows : [headers.map((h) => h.toUpperCase()), ...rows];
  if (all.length === 0) return '';
  const widths = headers.map((_, col) => Math.max(...all.map((row) => visibleLength(row[col] ?? ''))));
  return all
    .map((row) =>
      row
        .map((cell, col) => (col === row.length - 1 ? cell : cell + ' '.repeat((widths[col] ?? 0) - visibleLength(cell) + 3)))
        .join('')
        .trimEnd(),
    )
    .join('\n')
    .concat('\n');
}

// eslint-disable-next-line no-control-regex -- matching terminal colour codes is the point
const ANSI = /\u001b\[[0-9;]*m/g;

/** Length as the terminal shows it: colour codes take no columns. */
export function visibleLength(text: string): number {
  return [...text.replace(ANSI, '')].length;
}
