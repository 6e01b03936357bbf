/**
 * A short digest of a document's value (what a reader of it sees: types, numbers, strings, keys in any order),
 * so the output can be checked against what it was rendered from without keeping every document in memory.
 *
 * The digest guards against our own rendering mistakes, not against an adversary, so it is two independent
 * 32-bit multiplicative hashes (64 bits) fed while walking the value, instead of SHA-256 over a joined
 * canonical string: no string of the whole document is built, and `node:crypto` (some 30 ms to load) stays
 * out of a cold `convert`.
 */
export function fingerprintOf(value: unknown): string {
  const hash = new ValueHash();
  hash.value(value);
  return hash.digest();
}

class ValueHash {
  private h1 = 0x811c9dc5;
  private h2 = 0x9e3779b9;

  value(value: unknown): void {
    if (Array.isArray(value)) {
      this.text('[');
      for (const item of value) {
        this.value(item);
        this.text(',');
      }
      this.text(']');
    } else if (typeof value === 'object' && value !== null) {
      const record = value as Record<string, unknown>;
      this.text('{');
      for (const key of Object.keys(record).sort()) {
        this.string(key);
        this.text(':');
        this.value(record[key]);
        this.text(',');
      }
      this.text('}');
    } else if (typeof value === 'number') {
      this.text(`n${Object.is(value, -0) ? '0' : String(value)};`);
    } else if (typeof value === 'string') {
      this.string(value);
    } else if (typeof value === 'boolean') {
      this.text(value ? 't' : 'f');
    } else if (value === null || value === undefined) {
      this.text('z');
    } else {
      this.text(`?${typeof value === 'bigint' ? value.toString() : typeof value};`);
    }
  }

  /** A string with its length first, so no content can imitate the structure around it. */
  private string(value: string): void {
    this.text(`"${value.length}:`);
    this.text(value);
  }

  private text(value: string): void {
    let h1 = this.h1;
    let h2 = this.h2;
    for (let i = 0; i < value.length; i++) {
      const c = value.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x5bd1e995);
      h2 ^= h2 >>> 15;
    }
    this.h1 = h1;
    this.h2 = h2;
  }

  digest(): string {
    // Final avalanche, so that values differing only in their last characters differ in every digit.
    let h1 = this.h1 ^ (this.h2 >>> 16);
    h1 = Math.imul(h1, 0x85ebca6b);
    h1 ^= h1 >>> 13;
    let h2 = this.h2 ^ (h1 >>> 11);
    h2 = Math.imul(h2, 0xc2b2ae35);
    h2 ^= h2 >>> 16;
    return (h1 >>> 0).toString(16).padStart(8, '0') + (h2 >>> 0).toString(16).padStart(8, '0');
  }
}
