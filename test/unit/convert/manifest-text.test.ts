import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkManifestText, decodeManifest, detectFormat } from '../../../shared/convert/manifest-text.js';
import { catchUserErrors } from '../../helpers/catch-user-errors.js';

describe('manifest bytes', () => {
  it('decode UTF-8 text, with or without a byte order mark', () => {
    expect(decodeManifest(Buffer.from('kind: Pod # café\n'))).toBe('kind: Pod # café\n');
    expect(decodeManifest(Buffer.from('\uFEFFkind: Pod\n'))).toBe('kind: Pod\n');
  });

  it('refuse binary garbage with a plain message, not a YAML parse of it', () => {
    const garbage = Buffer.concat([Buffer.from('apiVersion: v1\n'), Buffer.from([0xc3, 0x28]), randomBytes(4096)]);
    const [error] = catchUserErrors(() => decodeManifest(garbage, 'image.png'));
    expect(error?.message).toBe('the input is not UTF-8 text (invalid byte 0xc3 at byte offset 15): it is not a YAML or JSON manifest');
    expect(error?.location).toEqual({ file: 'image.png' });
  });

  it.each([
    ['an overlong encoding', [0xc0, 0xaf], 0],
    ['a surrogate', [0x41, 0xed, 0xa0, 0x80], 1],
    ['a truncated sequence', [0x41, 0x42, 0xe2, 0x82], 2],
  ])('refuse %s at the right offset', (_case, bytes, offset) => {
    const [error] = catchUserErrors(() => decodeManifest(Uint8Array.from(bytes)));
    expect(error?.message).toContain(`at byte offset ${offset})`);
  });

  it('refuse text with control characters YAML forbids, such as NUL', () => {
    const [error] = catchUserErrors(() => decodeManifest(Buffer.from('kind: Pod\nname: a\u0000b\n'), 'pod.yaml'));
    expect(error?.message).toBe('the input contains the control character U+0000, which YAML and JSON do not allow: is it a binary file?');
    expect(error?.location).toEqual({ file: 'pod.yaml', line: 2, column: 8 });
    expect(() => checkManifestText('a:\tb\r\n')).not.toThrow();
  });

  it.each([
    ['{"kind": "Pod"}', 'json'],
    ['\n  [1]', 'json'],
    ['\uFEFF{}', 'json'],
    ['kind: Pod', 'yaml'],
    ['# {json}\n{}', 'yaml'],
    ['', 'yaml'],
  ])('format of %j is %s', (text, format) => {
    expect(detectFormat(text)).toBe(format);
  });
});
