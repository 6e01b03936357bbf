import { describe, expect, it } from 'vitest';
import { formatRequestLog } from '../../../shared/queue/service/request-log.js';

const at = new Date('2025-03-01T12:00:00.000Z');

describe('formatRequestLog', () => {
  it('writes time, method, procedure, protocol, code and whole milliseconds', () => {
    const line = formatRequestLog({ method: 'POST', path: '/flyteidl2.workflow.QueueService/EnqueueAction', protocol: 'grpc', code: 'ok', ms: 12.6 }, at);
    expect(line).toBe('2025-03-01T12:00:00.000Z POST /flyteidl2.workflow.QueueService/EnqueueAction grpc ok 13ms');
  });

  it('keeps a failure message on the same line, quoted and shortened', () => {
    const line = formatRequestLog(
      { method: 'POST', path: '/p', protocol: 'connect', code: 'invalid_argument', ms: 1, message: 'first problem\nsecond "quoted" problem' },
      at,
    );
    expect(line).toBe('2025-03-01T12:00:00.000Z POST /p connect invalid_argument 1ms "first problem; second \\"quoted\\" problem"');
    const long = formatRequestLog({ method: 'POST', path: '/p', protocol: 'grpc', code: 'not_found', ms: 1, message: 'x'.repeat(1000) }, at);
    expect(long.split('\n')).toHaveLength(1);
    expect(long).toMatch(/x{297}\.\.\."$/);
  });
});
