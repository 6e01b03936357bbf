import type http from 'node:http';
import type http2 from 'node:http2';

/** A request as either of Node's servers hands it over: the server answers HTTP/1.1 and cleartext HTTP/2 alike. */
export type NodeRequest = http.IncomingMessage | http2.Http2ServerRequest;
export type NodeResponse = http.ServerResponse | http2.Http2ServerResponse;
