import { describe, expect, it } from 'vitest';
import { parseBindAddress } from '../../../kubectl-plugin/cli/probe-server.js';

describe('parseBindAddress', () => {
  it.each([
    ['127.0.0.1:8081', '127.0.0.1', 8081],
    [':8080', undefined, 8080],
    ['8080', undefined, 8080],
    ['[::1]:9090', '::1', 9090],
    ['0.0.0.0:0', '0.0.0.0', 0],
  ])('%s listens on host %s, port %s', (address, host, port) => {
    expect(parseBindAddress(address)).toEqual({ host, port });
  });

  it.each(['localhost:http', '127.0.0.1:70000', '', 'host:', ':-1'])('refuses %j with what to give', (address) => {
    expect(() => parseBindAddress(address)).toThrow(/is not a bind address/);
  });
});
