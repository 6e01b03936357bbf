/**
 * Where a mapping key is being typed, read from indentation: the document may not parse while a key is half
 * written (`  ret` without its colon), so the path comes from the lines above, as YAML's block structure defines it.
 */
export interface KeyContext {
  /** The path of the mapping the key goes into (list items as 0). */
  path: (string | number)[];
  /** What is typed of the key so far, and where it starts. */
  prefix: string;
  prefixStart: number;
  /** The keys the mapping has already (so they are not offered again). */
  siblings: string[];
  /** The text of the YAML document the cursor is in. */
  documentText: string;
}

interface Line {
  text: string;
  /** Column of the line's key (after indentation and any `- ` markers), and of its first `- ` when it has one. */
  keyColumn: number;
  dashColumn?: number;
  key?: string;
  /** The key has no value on its line: a nested block follows. */
  opensBlock: boolean;
}

function readLine(text: string): Line | undefined {
  const match = /^(\s*)((?:-\s+)*)([^\s#][^:#]*?)?\s*(:(?:\s+(.*))?)?$/.exec(text);
  if (match === null || text.trim() === '' || text.trim().startsWith('#')) return undefined;
  const indent = match[1]?.length ?? 0;
  const dashes = match[2] ?? '';
  const key = match[4] !== undefined ? match[3] : undefined;
  const rest = (match[5] ?? '').replace(/\s*#.*$/, '');
  return {
    text,
    keyColumn: indent + dashes.length,
    ...(dashes !== '' ? { dashColumn: indent + dashes.length - dashes.trimStart().length } : {}),
    ...(key !== undefined ? { key: key.replace(/^["']|["']$/g, '') } : {}),
    opensBlock: key !== undefined && rest === '',
  };
}

const DOCUMENT_MARKER = /^(---|\.\.\.)(\s|$)/;

/** The key context at `offset`, or undefined when the cursor is not where a key of a block mapping is typed. */
export function keyContextAt(text: string, offset: number): KeyContext | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const before = text.slice(lineStart, offset);
  const current = /^(\s*)((?:-\s+)*)([A-Za-z0-9_./-]*)$/.exec(before);
  if (current === null) return undefined;
  const prefix = current[3] ?? '';
  let column = (current[1]?.length ?? 0) + (current[2]?.length ?? 0);
  const path: (string | number)[] = [];
  if ((current[2] ?? '') !== '') {
    path.unshift(0);
    column = current[1]?.length ?? 0;
  }
  const lines = text.split('\n');
  const lineIndex = text.slice(0, lineStart).split('\n').length - 1;
  let docStart = 0;
  for (let i = lineIndex - 1; i >= 0; i--) if (DOCUMENT_MARKER.test(lines[i] ?? '')) { docStart = i + 1; break; }
  let docEnd = lines.length;
  for (let i = lineIndex + 1; i < lines.length; i++) if (DOCUMENT_MARKER.test(lines[i] ?? '')) { docEnd = i; break; }

  const siblings = new Set<string>();
  const keyColumn = column + (path[0] === 0 ? (current[2]?.length ?? 0) : 0);
  let inOwnBlock = true;
  for (let i = lineIndex - 1; i >= docStart; i--) {
    const line = readLine(lines[i] ?? '');
    if (line === undefined) continue;
    if (line.dashColumn !== undefined && line.dashColumn < column) {
      // The first key of the list item the cursor is in; the item is the level above.
      if (inOwnBlock && line.keyColumn === keyColumn && line.key !== undefined) siblings.add(line.key);
      inOwnBlock = false;
      path.unshift(0);
      column = line.dashColumn;
      continue;
    }
    if (line.keyColumn < column && line.dashColumn === undefined) {
      if (!line.opensBlock || line.key === undefined) return undefined;
      inOwnBlock = false;
      path.unshift(line.key);
      column = line.keyColumn;
      continue;
    }
    if (inOwnBlock && line.keyColumn === keyColumn && line.key !== undefined) siblings.add(line.key);
  }
  for (let i = lineIndex + 1; i < docEnd; i++) {
    const line = readLine(lines[i] ?? '');
    if (line === undefined) continue;
    if (line.keyColumn < keyColumn || (line.dashColumn !== undefined && line.dashColumn < keyColumn)) break;
    if (line.keyColumn === keyColumn && line.key !== undefined) siblings.add(line.key);
  }
  siblings.delete(prefix);
  return { path, prefix, prefixStart: offset - prefix.length, siblings: [...siblings], documentText: lines.slice(docStart, docEnd).join('\n') };
}
