import { type ClientRequest } from 'node:http';
import { type Socket } from 'node:net';

/** How long a new connection may take (TCP connect plus TLS handshake) when the caller sets no request timeout. */
export const DEFAULT_CONNECT_TIMEOUT_MS = 30_000;

/**
 * Sockets whose connection (with TLS, the handshake too) has been seen complete. A request that waited for a free
 * socket is handed one without `reusedSocket` set, and a TLS socket says nothing more once its handshake is over,
 * so without this such a request would wait for an event that never comes and be cut off as if it never connected.
 */
const established = new WeakSet<Socket>();

/**
 * Fails a request whose new connection is not established within `timeoutMs`: a server that accepts TCP and
 * never completes the TLS handshake (or a black-holed address) would otherwise hang a command for minutes, as
 * Node sets no connect timeout. A socket that is already connected (kept alive in the pool, or handed over from
 * a request that ended) gets no timer.
 */
export function applyConnectDeadline(request: ClientRequest, timeoutMs: number, secure: boolean, onTimeout: () => Error): ConnectState {
  const state = { connected: false };
  request.once('socket', (socket: Socket) => {
    // `connecting` is false once TCP is up; for TLS the handshake still has to finish, which `secureConnect` marks.
    if (request.reusedSocket || established.has(socket) || (!secure && !socket.connecting)) {
      state.connected = true;
      return;
    }
    const timer = setTimeout(() => request.destroy(onTimeout()), timeoutMs);
    timer.unref();
    const clear = () => clearTimeout(timer);
    const connected = () => {
      established.add(socket);
      state.connected = true;
      socket.off('close', clear);
      clear();
    };
    socket.once(secure ? 'secureConnect' : 'connect', connected);
    socket.once('close', clear);
  });
  return state;
}

/** Whether the request's connection is up, so a timeout can say which limit it hit. */
export interface ConnectState {
  readonly connected: boolean;
}
