import { describe, expect, it } from 'vitest';
import { isUserError } from '../../../shared/errors/user-error.js';
import { orderParentsFirst } from '../../../shared/queue/order-parents-first.js';
import { type ActionDescription } from '../../../shared/taskaction/action-description.js';

const base = { org: 'o', project: 'p', domain: 'd', runName: 'r', taskTemplate: new Uint8Array() };
const a = (actionName: string, parentActionName?: string): ActionDescription => ({ ...base, actionName, ...(parentActionName ? { parentActionName } : {}) });

describe('orderParentsFirst', () => {
  it('puts every action after its parent, whatever the file order', () => {
    const levels = orderParentsFirst([a('gc', 'c'), a('c', 'root'), a('root'), a('c2', 'root')]);
    expect(levels.map((l) => l.map((x) => x.actionName))).toEqual([['root'], ['c', 'c2'], ['gc']]);
  });

  it('keeps actions whose parent is not in the batch on the first level (their parent exists already)', () => {
    expect(orderParentsFirst([a('late', 'existing')]).map((l) => l.map((x) => x.actionName))).toEqual([['late']]);
  });

  it('rejects duplicates and cycles with the action named', () => {
    const dup = (() => {
      try {
        orderParentsFirst([a('x'), a('x')]);
      } catch (err) {
        return err;
      }
    })();
    expect(isUserError(dup) && dup.message).toBe('action "x" of run "r" is given twice');
    const cycle = (() => {
      try {
        orderParentsFirst([a('x', 'y'), a('y', 'x')]);
      } catch (err) {
        return err;
      }
    })();
    expect(isUserError(cycle) && cycle.message).toMatch(/form a cycle through "[xy]"/);
  });
});
