import type net from 'node:net';

/**
 * Caps the connections one client address holds open at once, so a single client (a slowloris, or a
 * runaway pool) cannot take every socket and file descriptor the server has.
 */
export class ClientConnectionLimit {
  private readonly open = new Map<string, number>();

  constructor(private readonly maxPerClient: number) {}

  /** Counts the connection until it closes; false (and the socket destroyed) when its client is at the cap. */
  admit(socket: net.Socket): boolean {
    const client = socket.remoteAddress ?? 'unknown';
    const count = this.open.get(client) ?? 0;
    if (count >= this.maxPerClient) {
      socket.destroy();
      return false;
    }
    this.open.set(client, count + 1);
    socket.once('close', () => {
      const left = (this.open.get(client) ?? 1) - 1;
      if (left <= 0) this.open.delete(client);
      else this.open.set(client, left);
    });
    return true;
  }
}
