import http from 'node:http';
import http2 from 'node:http2';

export interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  httpVersion: string;
}

/** One plain HTTP/1.1 request, for what RPC clients hide: status lines, hop-by-hop headers, health endpoints. */
export function http1Request(
  url: string,
  options: { method?: string; path: string; headers?: Record<string, string>; body?: Buffer | string; agent?: http.Agent },
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      new URL(options.path, url),
      { method: options.method ?? 'GET', headers: options.headers, agent: options.agent ?? false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8'), httpVersion: res.httpVersion }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/** One request over cleartext HTTP/2 with prior knowledge, on a session of its own. */
export function http2Request(url: string, options: { method?: string; path: string }): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const session = http2.connect(url);
    session.on('error', reject);
    const stream = session.request({ ':method': options.method ?? 'GET', ':path': options.path });
    let status = 0;
    let headers: Record<string, string | string[] | undefined> = {};
    const chunks: Buffer[] = [];
    stream.on('response', (h) => {
      status = Number(h[':status']);
      headers = h;
    });
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => {
      session.close();
      resolve({ status, headers, body: Buffer.concat(chunks).toString('utf8'), httpVersion: '2.0' });
    });
    stream.on('error', reject);
    stream.end();
  });
}
