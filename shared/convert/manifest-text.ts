import { UserError } from '../errors/index.js';
import { LinePositions } from './line-positions.js';

export type ManifestFormat = 'yaml' | 'json';

/**
 * Manifest bytes as text. Anything that is not UTF-8, or holds control characters YAML forbids, is refused
 * up front with a plain message: fed to a YAML parser, binary data tends to parse as one odd string.
 */
export function decodeManifest(bytes: Uint8Array, file?: string): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const at = firstInvalidUtf8(bytes);
    throw new UserError(
      `the input is not UTF-8 text (invalid byte 0x${(bytes[at] ?? 0).toString(16).padStart(2, '0')} at byte offset ${at}): it is not a YAML or JSON manifest`,
      locationIn(file),
    );
  }
  checkManifestText(text, file);
  return text;
}

/** Refuses text with characters YAML does not allow (NUL and other C0 controls except tab and newlines). */
export function checkManifestText(text: string, file?: string): void {
  // eslint-disable-next-line no-control-regex
  const match = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.exec(text);
  if (match === null) return;
  const code = match[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
  throw new UserError(
    `the input contains the control character U+${code}, which YAML and JSON do not allow: is it a binary file?`,
    { ...locationIn(file), ...new LinePositions(text).at(match.index) },
  );
}

/** JSON when the first meaningful character opens an object or array; kubectl decides the same way. */
export function detectFormat(text: string): ManifestFormat {
  const first = /^(?:\uFEFF)?\s*(\S)/.exec(text)?.[1];
  return first === '{' || first === '[' ? 'json' : 'yaml';
}

function locationIn(file: string | undefined): { file?: string } {
  return file === undefined ? {} : { file };
}

const SECOND_BYTE_RANGE = new Map<number, [number, number]>([
  [0xe0, [0xa0, 0xbf]],
  [0xed, [0x80, 0x9f]],
  [0xf0, [0x90, 0xbf]],
  [0xf4, [0x80, 0x8f]],
]);

/** Offset of the first byte that does not start a well-formed UTF-8 sequence (RFC 3629). */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let at = 0;
  while (at < bytes.length) {
    const byte = bytes[at] ?? 0;
    if (byte < 0x80) {
      at++;
      continue;
    }
    const length = byte >= 0xc2 && byte < 0xe0 ? 2 : byte >= 0xe0 && byte < 0xf0 ? 3 : byte >= 0xf0 && byte < 0xf5 ? 4 : 0;
    if (length === 0) return at;
    const second = bytes[at + 1] ?? 0;
    // Lead bytes that would allow overlong forms, surrogates or code points past U+10FFFF narrow the next byte.
    const [low, high] = SECOND_BYTE_RANGE.get(byte) ?? [0x80, 0xbf];
    if (second < low || second > high) return at;
    for (let k = 2; k < length; k++) if (((bytes[at + k] ?? 0) & 0xc0) !== 0x80) return at;
    at += length;
  }
  return at;
}
