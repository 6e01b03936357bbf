import { create, toBinary } from '@bufbuild/protobuf';
import { createContextValues, createHandlerContext } from '@connectrpc/connect';
import { TaskTemplateSchema } from '@flyteorg/flyteidl2/flyteidl2/core/tasks_pb.js';
import { TaskSpecSchema } from '@flyteorg/flyteidl2/flyteidl2/task/task_definition_pb.js';
import { EnqueueActionRequestSchema, QueueService } from '@flyteorg/flyteidl2/flyteidl2/workflow/queue_service_pb.js';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { clientTemplateBytes, fieldNumberPath } from '../../../shared/queue/service/client-template-bytes.js';
import { nestedFieldBytes, rawRequestMessage, singleFieldBytes } from '../../../shared/queue/service/raw-message-bytes.js';
import { RAW_REQUEST_BODY, type RawRequestBody } from '../../../shared/queue/service/raw-request-body.js';
import { containerTaskTemplate } from '../../../shared/task-action/container-task.js';
import { rawBytesField, reorderedTemplateBytes } from '../../helpers/reordered-template.js';

const template = containerTaskTemplate({ image: 'busybox:1.36', command: ['sh', '-c'], args: ['echo hi'] });
const reordered = reorderedTemplateBytes(template);
const PATH = fieldNumberPath(EnqueueActionRequestSchema, ['task', 'spec', 'taskTemplate']);

/** A request whose template travels as the reordered bytes (an unknown field with the template's number). */
function requestBytes(): Uint8Array {
  const spec = create(TaskSpecSchema, { shortName: 'x' });
  // create() ignores `$unknown` in its init; set on the message, protobuf-es writes it as is.
  spec.$unknown = [rawBytesField(PATH[2] ?? 0, reordered)];
  const request = create(EnqueueActionRequestSchema, {
    actionId: { run: { org: 'o', project: 'p', domain: 'd', name: 'r' }, name: 'a0' },
    spec: { case: 'task', value: { spec } },
  });
  return toBinary(EnqueueActionRequestSchema, request);
}

function envelope(payload: Uint8Array, flags = 0): Buffer {
  const head = Buffer.alloc(5);
  head[0] = flags;
  head.writeUInt32BE(payload.length, 1);
  return Buffer.concat([head, payload]);
}

function contextWith(raw: RawRequestBody | undefined) {
  const values = createContextValues();
  if (raw !== undefined) values.set(RAW_REQUEST_BODY, raw);
  return createHandlerContext({
    service: QueueService,
    method: QueueService.method.enqueueAction,
    protocolName: 'connect',
    requestMethod: 'POST',
    url: 'http://localhost/',
    contextValues: values,
  });
}

describe('raw request bytes', () => {
  it('the reordered template differs from the canonical encoding but decodes to the same message', () => {
    expect(Buffer.from(reordered).equals(Buffer.from(toBinary(TaskTemplateSchema, template)))).toBe(false);
  });

  it('finds task.spec.task_template in Connect, gRPC (compressed too) and gRPC-Web bodies', () => {
    const message = requestBytes();
    const bodies: RawRequestBody[] = [
      { contentType: 'application/proto', encoding: '', chunks: [message.subarray(0, 7), message.subarray(7)] },
      { contentType: 'application/proto', encoding: 'gzip', chunks: [gzipSync(message)] },
      { contentType: 'application/grpc', encoding: '', chunks: [envelope(message)] },
      { contentType: 'application/grpc+proto', encoding: 'gzip', chunks: [envelope(gzipSync(message), 1)] },
      { contentType: 'application/grpc-web+proto', encoding: '', chunks: [envelope(message)] },
    ];
    for (const body of bodies) {
      const found = nestedFieldBytes(rawRequestMessage(body) ?? new Uint8Array(), PATH);
      expect(Buffer.from(found ?? []).equals(Buffer.from(reordered)), body.contentType).toBe(true);
    }
  });

  it('gives nothing for JSON bodies, unknown encodings, and a field that occurs twice (protobuf would merge it)', () => {
    expect(rawRequestMessage({ contentType: 'application/json', encoding: '', chunks: [Buffer.from('{}')] })).toBeUndefined();
    expect(rawRequestMessage({ contentType: 'application/proto', encoding: 'zstd', chunks: [Buffer.from('x')] })).toBeUndefined();
    const twice = new Uint8Array([0x0a, 0x01, 0x41, 0x0a, 0x01, 0x42]);
    expect(singleFieldBytes(twice, 1)).toBeUndefined();
    expect(nestedFieldBytes(new Uint8Array([0x0a, 0x05, 0x01]), [1])).toBeUndefined();
  });

  it('keeps the client bytes only when they decode to the decoded template, else encodes canonically', () => {
    const message = requestBytes();
    const ctx = contextWith({ contentType: 'application/proto', encoding: '', chunks: [message] });
    expect(Buffer.from(clientTemplateBytes(ctx, PATH, template)).equals(Buffer.from(reordered))).toBe(true);
    const other = containerTaskTemplate({ image: 'other', command: ['true'], args: [] });
    expect(Buffer.from(clientTemplateBytes(ctx, PATH, other)).equals(Buffer.from(toBinary(TaskTemplateSchema, other)))).toBe(true);
    const json = contextWith({ contentType: 'application/json', encoding: '', chunks: [Buffer.from('{}')] });
    expect(Buffer.from(clientTemplateBytes(json, PATH, template)).equals(Buffer.from(toBinary(TaskTemplateSchema, template)))).toBe(true);
    expect(Buffer.from(clientTemplateBytes(contextWith(undefined), PATH, template)).equals(Buffer.from(toBinary(TaskTemplateSchema, template)))).toBe(true);
  });
});
