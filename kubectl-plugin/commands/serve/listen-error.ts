import { UserError } from '../../../shared/errors/index.js';

/** Why the server could not listen, as something the user can act on; other errors are returned unchanged. */
export function listenError(err: unknown, host: string, port: number): unknown {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE') {
    return new UserError(`${host}:${port} is already in use`, {}, 'stop the other server, or choose another --port (0 picks a free one)');
  }
  if (code === 'EACCES') {
    return new UserError(`not allowed to listen on ${host}:${port}`, {}, 'ports below 1024 need privileges: choose a --port of 1024 or more');
  }
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') {
    return new UserError(`cannot listen on ${host}: no such local address`, {}, 'use 127.0.0.1, 0.0.0.0 or an address of this machine for --host');
  }
  return err;
}
