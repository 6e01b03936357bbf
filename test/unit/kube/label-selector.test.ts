import { describe, expect, it } from 'vitest';
import { UserError } from '../../../shared/errors/index.js';
import { parseLabelSelector } from '../../../shared/kube/label-selector.js';

const labels = { team: 'ml', tier: 'gpu', 'example.com/owner': 'ana' };

describe('parseLabelSelector', () => {
  it('matches equality, inequality, existence and set requirements as the API server does', () => {
    const matches = (text: string, on: Record<string, string> | undefined = labels) => parseLabelSelector(text).matches(on);
    expect(matches('team=ml')).toBe(true);
    expect(matches('team==ml,tier=gpu')).toBe(true);
    expect(matches('team=web')).toBe(false);
    expect(matches('team!=web')).toBe(true);
    expect(matches('missing!=x')).toBe(true);
    expect(matches('example.com/owner')).toBe(true);
    expect(matches('!example.com/owner')).toBe(false);
    expect(matches('tier in (cpu, gpu)')).toBe(true);
    expect(matches('tier notin (cpu,gpu)')).toBe(false);
    expect(matches('tier in (cpu,gpu),team=ml')).toBe(true);
    expect(parseLabelSelector('team=ml').matches(undefined)).toBe(false);
    expect(matches('team=ml', {})).toBe(false);
    expect(matches('')).toBe(true);
  });

  it('names the part it cannot read and shows the forms it takes', () => {
    let error: unknown;
    try {
      parseLabelSelector('team=ml,tier>3');
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toBe('label selector "team=ml,tier>3": cannot read "tier>3"');
    expect((error as UserError).hint).toContain('key in (a,b)');
  });
});
