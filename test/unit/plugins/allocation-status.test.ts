import { describe, expect, it } from 'vitest';
import {
  AllocationStatus,
  allocationStatusFromString,
  allocationStatusToString,
} from '../../../shared/plugins/allocation-status.js';

describe('AllocationStatus', () => {
  it('has upstream values and strings', () => {
    expect([
      AllocationStatus.Undefined,
      AllocationStatus.Granted,
      AllocationStatus.Exhausted,
      AllocationStatus.NamespaceQuotaExceeded,
    ]).toEqual([0, 1, 2, 3]);
    expect([0, 1, 2, 3].map((s) => allocationStatusToString(s))).toEqual([
      'AllocationUndefined',
      'Granted',
      'Exhausted',
      'NamespaceQuotaExceeded',
    ]);
    expect(allocationStatusToString(4 as AllocationStatus)).toBe('AllocationStatus(4)');
  });

  it('looks names up exactly', () => {
    expect(allocationStatusFromString('Granted')).toBe(AllocationStatus.Granted);
    expect(allocationStatusFromString('AllocationUndefined')).toBe(AllocationStatus.Undefined);
    expect(() => allocationStatusFromString('AllocationStatusGranted')).toThrow(
      'AllocationStatusGranted does not belong to AllocationStatus values',
    );
  });
});
