import { type Transport } from '@connectrpc/connect';
import { createConnectTransport, createGrpcTransport, createGrpcWebTransport } from '@connectrpc/connect-node';

export interface NamedTransport {
  name: string;
  /** The protocol the server logs for it. */
  protocol: 'connect' | 'grpc' | 'grpc-web';
  transport: Transport;
}

/**
 * Every way a Flyte client may call the QueueService on one address: Connect, gRPC and gRPC-Web, binary and JSON,
 * over HTTP/1.1 and cleartext HTTP/2 (gRPC needs HTTP/2).
 */
export function queueTransports(baseUrl: string): NamedTransport[] {
  return [
    { name: 'Connect JSON over HTTP/1.1', protocol: 'connect', transport: createConnectTransport({ baseUrl, httpVersion: '1.1' }) },
    { name: 'Connect binary over HTTP/1.1', protocol: 'connect', transport: createConnectTransport({ baseUrl, httpVersion: '1.1', useBinaryFormat: true }) },
    { name: 'Connect binary over h2c', protocol: 'connect', transport: createConnectTransport({ baseUrl, httpVersion: '2', useBinaryFormat: true }) },
    { name: 'gRPC binary over h2c', protocol: 'grpc', transport: createGrpcTransport({ baseUrl }) },
    { name: 'gRPC JSON over h2c', protocol: 'grpc', transport: createGrpcTransport({ baseUrl, useBinaryFormat: false }) },
    { name: 'gRPC-Web binary over HTTP/1.1', protocol: 'grpc-web', transport: createGrpcWebTransport({ baseUrl, httpVersion: '1.1', useBinaryFormat: true }) },
    { name: 'gRPC-Web JSON over h2c', protocol: 'grpc-web', transport: createGrpcWebTransport({ baseUrl, httpVersion: '2', useBinaryFormat: false }) },
  ];
}
