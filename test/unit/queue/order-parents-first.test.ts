import { describe, expect, it } from 'vitest';
import { catchUserErrors } from '../../helpers/catch-user-errors.js';
import { orderParentsFirst } from '../../../shared/queue/order-parents-first.js';
import { type ActionDescription } from '../../../shared/task-action/action-description.js';

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
    const dup = catchUserErrors(() => orderParentsFirst([a('x'), a('x')]))[0];
    expect(dup?.message).toBe('action "x" of run "r" is given twice');
    const cycle = catchUserErrors(() => orderParentsFirst([a('x', 'y'), a('y', 'x')]))[0];
    expect(cycle?.message).toMatch(/form a cycle through "[xy]"/);
  });
});
