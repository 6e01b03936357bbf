import { describe, expect, it } from 'vitest';
import { HTTP2_PREFACE, detectProtocol } from '../../../shared/queue/service/protocol-sniffer.js';

describe('detectProtocol', () => {
  it('recognises the HTTP/2 preface only once it is complete', () => {
    for (let n = 0; n < HTTP2_PREFACE.length; n++) {
      expect(detectProtocol(HTTP2_PREFACE.subarray(0, n))).toBeUndefined();
    }
    expect(detectProtocol(HTTP2_PREFACE)).toBe('h2c');
    expect(detectProtocol(Buffer.concat([HTTP2_PREFACE, Buffer.from([0, 0, 0, 4])]))).toBe('h2c');
  });

  it('takes anything that leaves the preface for HTTP/1.1, as early as the first differing byte', () => {
    expect(detectProtocol(Buffer.from('POST /flyteidl2.workflow.QueueService/EnqueueAction HTTP/1.1\r\n'))).toBe('http/1.1');
    expect(detectProtocol(Buffer.from('G'))).toBe('http/1.1');
    expect(detectProtocol(Buffer.from('PRI * HTTP/1.1'))).toBe('http/1.1');
    expect(detectProtocol(Buffer.from('PUT'))).toBe('http/1.1');
  });
});
