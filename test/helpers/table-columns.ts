/**
 * A kubectl-style table as records keyed by header, cut at the header's column starts, so blank cells (a printer
 * column whose JSONPath finds nothing) stay in their column instead of shifting the rest.
 */
export function tableRecords(stdout: string): Record<string, string>[] {
  const [header = '', ...lines] = stdout.trimEnd().split('\n');
  const starts = [...header.matchAll(/\S+/g)].map((m) => ({ name: m[0], at: m.index }));
  return lines.map((line) =>
    Object.fromEntries(starts.map((col, i) => [col.name, line.slice(col.at, starts[i + 1]?.at ?? line.length).trim()])),
  );
}
