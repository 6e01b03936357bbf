import { type AddressInfo, type Server, type Socket, createConnection, createServer } from 'node:net';

/**
 * A TCP forwarder on 127.0.0.1 that a test can turn into a black hole and back, the way a network partition looks
 * to the processes on either side: connections stay open and nothing is refused, but every byte sent meanwhile, in
 * either direction, is lost. What a client sent into the hole never reaches the server, even after `restore`; the
 * connections that lost bytes are broken for good (their TLS records no longer line up) and end when either side
 * notices, as they would after a real partition.
 */
export class BlackholeProxy {
  private readonly sockets = new Set<Socket>();
  private blackholed = false;

  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {}

  static async start(target: { host: string; port: number }): Promise<BlackholeProxy> {
    const holder: { proxy?: BlackholeProxy } = {};
    const server = createServer((client) => holder.proxy?.forward(client, target));
    const port = await new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
    });
    holder.proxy = new BlackholeProxy(server, port);
    return holder.proxy;
  }

  /** Stop forwarding: bytes are dropped, sockets stay open. */
  blackhole(): void {
    this.blackholed = true;
  }

  restore(): void {
    this.blackholed = false;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private forward(client: Socket, target: { host: string; port: number }): void {
    const upstream = createConnection(target);
    const pass = (from: Socket, to: Socket) => from.on('data', (chunk: Buffer) => (this.blackholed ? undefined : to.write(chunk)));
    pass(client, upstream);
    pass(upstream, client);
    for (const [socket, other] of [[client, upstream], [upstream, client]] as const) {
      this.sockets.add(socket);
      socket.on('error', () => socket.destroy());
      socket.on('close', () => {
        this.sockets.delete(socket);
        other.destroy();
      });
    }
  }
}
