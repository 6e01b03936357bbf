import { type Socket } from 'node:net';

/** Every cleartext HTTP/2 connection with prior knowledge starts with these 24 bytes (RFC 9113, 3.4). */
export const HTTP2_PREFACE = Buffer.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n', 'latin1');

export type WireProtocol = 'http/1.1' | 'h2c';

/**
 * Decides from the first bytes of a connection which protocol it speaks, or `undefined` while the bytes so far
 * are still a prefix of the HTTP/2 preface (a client may send it in pieces).
 */
export function detectProtocol(head: Buffer): WireProtocol | undefined {
  const n = Math.min(head.length, HTTP2_PREFACE.length);
  if (!head.subarray(0, n).equals(HTTP2_PREFACE.subarray(0, n))) return 'http/1.1';
  return head.length >= HTTP2_PREFACE.length ? 'h2c' : undefined;
}

export interface SniffOptions {
  /** A connection that has not said enough to be told apart within this time is closed. */
  timeoutMs: number;
  onDetected: (socket: Socket, protocol: WireProtocol) => void;
}

/**
 * Reads a connection's first bytes, puts them back, and hands the socket over once its protocol is known. This
 * is what lets HTTP/1.1 (Connect, gRPC-Web) and cleartext HTTP/2 (gRPC) share one port: Node's http2 server
 * accepts HTTP/1.1 only over TLS, so the connection must be told apart before either server sees it.
 */
export function sniffProtocol(socket: Socket, options: SniffOptions): void {
  let head = Buffer.alloc(0);
  const timer = setTimeout(() => socket.destroy(), options.timeoutMs);
  const finish = () => {
    clearTimeout(timer);
    socket.off('data', onData);
    socket.off('close', finish);
  };
  const onData = (chunk: Buffer) => {
    head = Buffer.concat([head, chunk]);
    const protocol = detectProtocol(head);
    if (protocol === undefined) return;
    finish();
    socket.pause();
    socket.unshift(head);
    options.onDetected(socket, protocol);
    // The HTTP/1.1 server reads through the stream (which was paused above); the HTTP/2 session takes over the
    // socket and reads the unshifted bytes itself.
    if (protocol === 'http/1.1') process.nextTick(() => socket.resume());
  };
  socket.on('data', onData);
  socket.on('close', finish);
}
