import http from 'node:http';
import type http2 from 'node:http2';
import type net from 'node:net';
import { type NodeRequest, type NodeResponse } from './node-http.js';
import { type WireProtocol } from './protocol-sniffer.js';

/**
 * Every connection, HTTP/2 session and request the server has open, so that shutdown can be graceful: idle
 * connections close at once, HTTP/1.1 connections once their last answer is out (`Connection: close`),
 * HTTP/2 sessions through GOAWAY once their streams are done, and whatever is left can be cut off.
 */
export class ConnectionTracker {
  private readonly sockets = new Set<net.Socket>();
  /** HTTP/1.1 connections with the answers each one is writing. */
  private readonly http1Requests = new Map<net.Socket, Set<http.ServerResponse>>();
  private readonly http2Sockets = new Set<net.Socket>();
  private readonly sessions = new Set<http2.ServerHttp2Session>();
  private requests = 0;
  private draining = false;

  /** Requests being answered right now. */
  get inFlight(): number {
    return this.requests;
  }

  get hasConnections(): boolean {
    return this.sockets.size > 0;
  }

  /** A new connection. Once shutdown has begun it is refused (destroyed) and false is returned. */
  accept(socket: net.Socket): boolean {
    this.sockets.add(socket);
    socket.once('close', () => {
      this.sockets.delete(socket);
      this.http1Requests.delete(socket);
      this.http2Sockets.delete(socket);
    });
    // Resets by clients are routine; without a listener they would crash the process.
    socket.on('error', () => socket.destroy());
    if (this.draining) socket.destroy();
    return !this.draining;
  }

  /** The protocol the connection turned out to speak. */
  detected(socket: net.Socket, protocol: WireProtocol): void {
    if (protocol === 'h2c') this.http2Sockets.add(socket);
    else this.http1Requests.set(socket, new Set());
  }

  /** An HTTP/2 session: closed (GOAWAY) at once when it starts during shutdown. */
  session(session: http2.ServerHttp2Session): void {
    this.sessions.add(session);
    session.once('close', () => this.sessions.delete(session));
    session.on('error', () => session.destroy());
    if (this.draining) session.close();
  }

  /** Counts a request until its answer is out or its client is gone. */
  request(req: NodeRequest, res: NodeResponse): void {
    this.requests++;
    if (!(res instanceof http.ServerResponse)) {
      res.once('close', () => this.requests--);
      return;
    }
    const socket = req.socket;
    const open = this.http1Requests.get(socket) ?? new Set<http.ServerResponse>();
    open.add(res);
    this.http1Requests.set(socket, open);
    if (this.draining) res.setHeader('connection', 'close');
    res.once('close', () => {
      this.requests--;
      open.delete(res);
      // During shutdown a kept-alive connection is closed as soon as its last answer is out.
      if (this.draining && open.size === 0) socket.end();
    });
  }

  /**
   * Starts a graceful shutdown: connections with nothing being asked or answered close now, the others once
   * their answers are out; new connections and sessions are refused.
   */
  drain(): void {
    this.draining = true;
    for (const socket of this.sockets) {
      // HTTP/2 connections close through their sessions (below) once their streams are done.
      if (this.http2Sockets.has(socket)) continue;
      const open = this.http1Requests.get(socket);
      if (open === undefined || open.size === 0) {
        // Still being sniffed, or kept alive between requests.
        socket.destroy();
      } else {
        for (const res of open) if (!res.headersSent) res.setHeader('connection', 'close');
      }
    }
    for (const session of this.sessions) session.close();
  }

  /** Ends every connection now, answered or not. */
  destroyAll(): void {
    for (const session of this.sessions) session.destroy();
    for (const socket of this.sockets) socket.destroy();
  }
}
