import { describe, expect, it } from 'vitest';
import { executionLedger, parseStateJson, withExecutionLedger } from '../../../shared/task-action/execution-ledger.js';

describe('the execution ledger', () => {
  const json = JSON.stringify({ phase: 'PhaseRunning', actionId: 'r/a0', timestamp: 't', attempts: 2, systemFailures: 1, errorState: { code: 'Error', kind: 'USER', message: 'exit 1' } });

  it('reads stateJson when the CRD pruned the status fields (Flyte S3)', () => {
    expect(executionLedger({ stateJson: json })).toEqual({ attempts: 2, systemFailures: 1, errorState: { code: 'Error', kind: 'USER', message: 'exit 1' } });
  });

  it('prefers the status fields when present: they are what Flyte’s current executor writes', () => {
    expect(executionLedger({ stateJson: json, attempts: 3, systemFailures: 0, errorState: { code: 'OOMKilled' } })).toEqual({
      attempts: 3,
      systemFailures: 0,
      errorState: { code: 'OOMKilled' },
    });
  });

  it('ignores what is not its shape: another executor may write anything to stateJson', () => {
    for (const text of [undefined, '', 'not json', '[1]', 'null', '"s"']) expect(parseStateJson(text)).toEqual({});
    expect(parseStateJson('{"attempts":-1,"systemFailures":1.5,"errorState":"x","phase":3}')).toEqual({});
    expect(executionLedger(undefined)).toEqual({});
  });

  it('restores the ledger into the status fields and leaves the rest as it is', () => {
    expect(withExecutionLedger({ stateJson: json, pluginPhase: 'PhaseRunning' })).toMatchObject({ pluginPhase: 'PhaseRunning', attempts: 2, systemFailures: 1 });
    expect(withExecutionLedger(undefined)).toBeUndefined();
    expect(withExecutionLedger({ pluginPhase: 'PhaseQueued' })).toEqual({ pluginPhase: 'PhaseQueued' });
  });
});
