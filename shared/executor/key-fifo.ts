/**
 * First in, first out, with a constant-time take from the front. An array's `shift` moves every element left
 * once its store is too large for V8 to trim it in place, so taking a resync's 20,000 keys from one took time
 * that grew with the square of their number (four times the keys, nine times the time); here the front is an
 * index, and the part already taken is dropped once it is half the store.
 */
export class KeyFifo {
  private items: string[] = [];
  private head = 0;

  get length(): number {
    return this.items.length - this.head;
  }

  push(key: string): void {
    this.items.push(key);
  }

  /** The oldest key, removed; undefined when empty. */
  shift(): string | undefined {
    if (this.head >= this.items.length) return undefined;
    const key = this.items[this.head++];
    if (this.head >= this.items.length) this.clear();
    else if (this.head >= 1024 && this.head * 2 >= this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return key;
  }

  clear(): void {
    this.items = [];
    this.head = 0;
  }
}
