import { isPlainObject } from './json-value.js';

/** `Kind/name` as in kubectl output; `Kind/prefix*` for generateName, `Kind/(no name)` otherwise. */
export function objectLabel(object: unknown): string {
  if (!isPlainObject(object)) return '(not an object)';
  const kind = typeof object['kind'] === 'string' && object['kind'] !== '' ? object['kind'] : '(no kind)';
  const metadata = object['metadata'];
  if (isPlainObject(metadata)) {
    if (typeof metadata['name'] === 'string' && metadata['name'] !== '') return `${kind}/${metadata['name']}`;
    if (typeof metadata['generateName'] === 'string' && metadata['generateName'] !== '') {
      return `${kind}/${metadata['generateName']}*`;
    }
  }
  return `${kind}/(no name)`;
}
