import { fromBinary, toBinary } from '@bufbuild/protobuf';
import { type TaskTemplate, TaskTemplateSchema } from '@flyteorg/flyteidl2/flyteidl2/core/tasks_pb.js';
import { errorMessage, type InputLocation, UserError } from '../errors/index.js';

/**
 * `spec.taskTemplate` holds the binary protobuf encoding of `flyteidl2.core.TaskTemplate`, the same message
 * Flyte's executor decodes, so templates are written and read only through the generated schema.
 */
export function encodeTaskTemplate(template: TaskTemplate): Uint8Array {
  return toBinary(TaskTemplateSchema, template);
}

const DEFAULT_LOCATION: InputLocation = { field: 'spec.taskTemplate' };

/**
 * Decodes template bytes. Bytes that do not parse, or parse to something without a task type (arbitrary bytes
 * often parse as unknown fields), are a `UserError` on `spec.taskTemplate`.
 */
export function decodeTaskTemplate(bytes: Uint8Array, location: InputLocation = DEFAULT_LOCATION): TaskTemplate {
  if (bytes.length === 0) {
    throw new UserError(
      'the task template is empty',
      location,
      'give a binary flyteidl2.core.TaskTemplate (base64 in YAML or JSON)',
    );
  }
  let template: TaskTemplate;
  try {
    template = fromBinary(TaskTemplateSchema, bytes);
  } catch (err) {
    throw new UserError(
      `the task template is not a binary flyteidl2.core.TaskTemplate: ${errorMessage(err)}`,
      location,
      'encode the template with the flyteidl2 TaskTemplate message (protobuf binary, base64 in YAML or JSON)',
    );
  }
  if (template.type === '') {
    throw new UserError(
      'the task template has no task type, so it is not a usable flyteidl2.core.TaskTemplate',
      location,
      'set the template\'s "type", e.g. container',
    );
  }
  return template;
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Standard padded base64, as Kubernetes encodes `bytes` fields in JSON. */
export function bytesToBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

/**
 * Strict base64 decoding: Node's decoder skips characters it does not know, which would turn a damaged field into
 * different bytes instead of an error.
 */
export function base64ToBytes(text: string, location: InputLocation = DEFAULT_LOCATION): Uint8Array {
  const compact = text.replace(/\s+/g, '');
  if (!BASE64.test(compact)) {
    throw new UserError('the value is not valid base64', location, 'give the bytes as standard padded base64');
  }
  return new Uint8Array(Buffer.from(compact, 'base64'));
}

export function taskTemplateToBase64(template: TaskTemplate): string {
  return bytesToBase64(encodeTaskTemplate(template));
}

export function taskTemplateFromBase64(text: string, location: InputLocation = DEFAULT_LOCATION): TaskTemplate {
  return decodeTaskTemplate(base64ToBytes(text, location), location);
}
