import http from 'node:http';
import http2 from 'node:http2';
import { type NodeRequest, type NodeResponse } from './node-http.js';

/**
 * An answer can be complete before its request was read to the end: an oversized message is refused from its
 * declared length. The rest must not stall the connection. HTTP/1.1: the answer then says `Connection: close`
 * (decided when its headers are written, as Go's server does), so the client does not queue its next request
 * behind an unread body. HTTP/2: the stream closes only when both sides have ended, so the rest is read and
 * dropped, and a client that keeps sending too much, or stops without ending its side, gets its stream reset
 * once the answer (trailers included) is out; otherwise the stream, and shutdown, would wait for the session.
 */
export function releaseUnreadBody(req: NodeRequest, res: NodeResponse, maxBodyBytes: number): void {
  if (res instanceof http.ServerResponse) {
    const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => http.ServerResponse;
    res.writeHead = ((...args: unknown[]) => {
      if (!req.complete && !res.headersSent) res.setHeader('connection', 'close');
      return writeHead(...args);
    });
    return;
  }
  const stream = res.stream;
  const cutOff = () => {
    // A stream the client reset may be closed yet never ended for reading; destroying it releases it.
    if (!stream.closed) stream.close(http2.constants.NGHTTP2_CANCEL);
    else stream.destroy();
  };
  // The stream's own 'finish': the compatibility response reports 'finish' only once the stream has closed.
  stream.once('finish', () => {
    if (req.complete) return;
    let drained = 0;
    req.on('data', (chunk: Buffer) => {
      drained += chunk.length;
      if (drained > 4 * maxBodyBytes) cutOff();
    });
    req.resume();
    // Well after the trailers went out (they follow 'finish' at once).
    setTimeout(() => {
      if (!req.complete) cutOff();
    }, 250).unref();
  });
}

