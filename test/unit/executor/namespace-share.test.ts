import { describe, expect, it } from 'vitest';
import { fairShare, mayTakeNamespace, namespaceToHandOver } from '../../../shared/executor/namespace-share.js';

describe('dividing namespaces between executor replicas', () => {
  it('gives each replica the namespaces over the replicas, rounded up, so every namespace is covered', () => {
    expect(fairShare(10, 1)).toBe(10);
    expect(fairShare(10, 2)).toBe(5);
    expect(fairShare(10, 3)).toBe(4);
    expect(fairShare(1, 2)).toBe(1);
    expect(fairShare(0, 2)).toBe(0);
    expect(fairShare(3, 0)).toBe(3);
  });

  it('takes an unheld namespace below the share, and above it only once nobody took it for a lease duration', () => {
    expect(mayTakeNamespace(4, 5, 0, 15_000)).toBe(true);
    expect(mayTakeNamespace(5, 5, 0, 15_000)).toBe(false);
    expect(mayTakeNamespace(5, 5, 14_999, 15_000)).toBe(false);
    expect(mayTakeNamespace(5, 5, 15_000, 15_000)).toBe(true);
  });

  it('hands one namespace over while it leads more than its share and another live replica has room', () => {
    const led = ['ns-a', 'ns-b', 'ns-c', 'ns-d'];
    const holdings = new Map([['me', 4]]);
    expect(namespaceToHandOver({ self: 'me', led, share: 2, alive: ['me', 'other'], holdings })).toBe('ns-d');
    // The other replica is full already, or gone: handing over would only bring the namespace back.
    expect(namespaceToHandOver({ self: 'me', led, share: 2, alive: ['me', 'other'], holdings: new Map([['me', 4], ['other', 2]]) })).toBeUndefined();
    expect(namespaceToHandOver({ self: 'me', led, share: 2, alive: ['me'], holdings })).toBeUndefined();
    expect(namespaceToHandOver({ self: 'me', led: ['ns-a', 'ns-b'], share: 2, alive: ['me', 'other'], holdings })).toBeUndefined();
  });
});
