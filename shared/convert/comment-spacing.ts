/**
 * The YAML printer writes one space before a trailing comment (`name: x # note`). Authors often align
 * them; lines of a re-rendered document that differ from an original line only in that spacing get the
 * original line back.
 */
export function restoreCommentSpacing(rendered: string, original: string): string {
  const originals = new Map<string, string[]>();
  for (const line of original.split('\n')) {
    if (!line.includes('#')) continue;
    const key = normalise(line);
    if (key === line) continue;
    const queue = originals.get(key);
    if (queue) queue.push(line);
    else originals.set(key, [line]);
  }
  if (originals.size === 0) return rendered;
  return rendered
    .split('\n')
    .map((line) => originals.get(line)?.shift() ?? line)
    .join('\n');
}

/** The line as the printer would write it; unchanged unless its `#` clearly starts a comment. */
function normalise(line: string): string {
  const match = /^(.*?\S)[ \t]+#(.*)$/.exec(line);
  if (match === null) return line;
  const [, before = '', comment = ''] = match;
  // A `#` after an odd number of quotes may be inside a string: leave such lines alone.
  const quotes = (quote: string): number => before.split(quote).length - 1;
  if (quotes('"') % 2 !== 0 || quotes("'") % 2 !== 0) return line;
  return `${before} #${comment.replace(/[ \t]+$/, '')}`;
}
