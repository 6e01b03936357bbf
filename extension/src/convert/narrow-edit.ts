/** A replacement of `[start, end)` of a text. Offsets are UTF-16 code units, as VS Code's `positionAt` takes. */
export interface TextReplacement {
  start: number;
  end: number;
  replacement: string;
}

/**
 * Shrinks a replacement to the part that really changes by dropping the text it shares with the old text at
 * both ends. The result is the same text, but the editor keeps its folding, markers and cursor on the lines
 * the conversion did not touch (the core replaces a whole document).
 */
export function narrowEdit(text: string, edit: TextReplacement): TextReplacement {
  const old = text.slice(edit.start, edit.end);
  const next = edit.replacement;
  let prefix = 0;
  const limit = Math.min(old.length, next.length);
  while (prefix < limit && old.charCodeAt(prefix) === next.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < limit - prefix && old.charCodeAt(old.length - 1 - suffix) === next.charCodeAt(next.length - 1 - suffix)) suffix++;
  // Never split a surrogate pair: an edit boundary inside one would leave half a character on each side.
  if (prefix > 0 && isHighSurrogate(old.charCodeAt(prefix - 1))) prefix--;
  if (suffix > 0 && isLowSurrogate(old.charCodeAt(old.length - suffix))) suffix--;
  return {
    start: edit.start + prefix,
    end: edit.end - suffix,
    replacement: next.slice(prefix, next.length - suffix),
  };
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
