import { type ClientRequest } from 'node:http';
import { type Socket } from 'node:net';

/** How long a new connection may take (TCP connect plus TLS handshake) when the caller sets no request timeout. */
export const DEFAULT_CONNECT_TIMEOUT_MS = 30_000;

/**
 * Fails a request whose new connection is not established within `timeoutMs`: a server that accepts TCP and
 * never completes the TLS handshake (or a black-holed address) would otherwise hang a command for minutes, as
 * Node sets no connect timeout. A kept-alive socket reused from the pool is already connected and gets no timer.
 */
export function applyConnectDeadline(request: ClientRequest, timeoutMs: number, secure: boolean, onTimeout: () => Error): ConnectState {
  const state = { connected: false };
  request.once('socket', (socket: Socket) => {
    // `connecting` is false once TCP is up; for TLS the handshake still has to finish, which `secureConnect` marks.
    if (request.reusedSocket || (!secure && !socket.connecting)) {
      state.connected = true;
      return;
    }
    const timer = setTimeout(() => request.destroy(onTimeout()), timeoutMs);
    timer.unref();
    const clear = () => clearTimeout(timer);
    socket.once(secure ? 'secureConnect' : 'connect', () => {
      state.connected = true;
      clear();
    });
    socket.once('close', clear);
  });
  return state;
}

/** Whether the request's connection is up, so a timeout can say which limit it hit. */
export interface ConnectState {
  readonly connected: boolean;
}
