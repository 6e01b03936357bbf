import { fromBinary, toBinary } from '@bufbuild/protobuf';
import { type Literal, LiteralSchema } from '@flyteorg/flyteidl2/flyteidl2/core/literals_pb.js';
import { type ConditionAction, ConditionActionSchema } from '@flyteorg/flyteidl2/flyteidl2/workflow/run_definition_pb.js';
import { base64ToBytes, bytesToBase64 } from './task-template-codec.js';

/**
 * `spec.conditionSpec` and `status.signalValue` of a condition action (Flyte's current shape): base64 of a binary
 * `flyteidl2.workflow.ConditionAction` and of a binary `flyteidl2.core.Literal`. Decoding throws on bad bytes;
 * callers say which field was bad.
 */
export function conditionSpecToBase64(condition: ConditionAction): string {
  return bytesToBase64(toBinary(ConditionActionSchema, condition));
}

export function conditionSpecFromBase64(text: string): ConditionAction {
  return fromBinary(ConditionActionSchema, base64ToBytes(text, { field: 'spec.conditionSpec' }));
}

export function literalToBase64(literal: Literal): string {
  return bytesToBase64(toBinary(LiteralSchema, literal));
}

export function literalFromBase64(text: string): Literal {
  return fromBinary(LiteralSchema, base64ToBytes(text, { field: 'status.signalValue' }));
}
