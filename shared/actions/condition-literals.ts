import { create } from '@bufbuild/protobuf';
import { type Literal, LiteralSchema } from '@flyteorg/flyteidl2/flyteidl2/core/literals_pb.js';
import { SimpleType } from '@flyteorg/flyteidl2/flyteidl2/core/types_pb.js';
import { type ConditionAction } from '@flyteorg/flyteidl2/flyteidl2/workflow/run_definition_pb.js';

/** The value types a condition can wait for, as Flyte's service accepts them. */
export type ConditionValueType = 'bool' | 'int' | 'float' | 'string';

const BY_SIMPLE: Partial<Record<SimpleType, ConditionValueType>> = {
  [SimpleType.BOOLEAN]: 'bool',
  [SimpleType.INTEGER]: 'int',
  [SimpleType.FLOAT]: 'float',
  [SimpleType.STRING]: 'string',
};

/** The condition's value type, or undefined when `type.simple` is missing or not one of the four. */
export function conditionValueType(condition: ConditionAction): ConditionValueType | undefined {
  const type = condition.type?.type;
  return type?.case === 'simple' ? BY_SIMPLE[type.value] : undefined;
}

/** The type of a primitive literal, or undefined for anything else (collections, blobs, none). */
export function literalValueType(literal: Literal): ConditionValueType | undefined {
  if (literal.value.case !== 'scalar' || literal.value.value.value.case !== 'primitive') return undefined;
  switch (literal.value.value.value.value.value.case) {
    case 'boolean':
      return 'bool';
    case 'integer':
      return 'int';
    case 'floatValue':
      return 'float';
    case 'stringValue':
      return 'string';
    default:
      return undefined;
  }
}

function primitive(value: { case: 'boolean'; value: boolean } | { case: 'integer'; value: bigint } | { case: 'floatValue'; value: number } | { case: 'stringValue'; value: string }): Literal {
  return create(LiteralSchema, { value: { case: 'scalar', value: { value: { case: 'primitive', value: { value } } } } });
}

/**
 * A command-line value as a literal of the condition's type: `true`/`false` (also yes/no, 1/0), a whole number,
 * a number, or the text as is. Throws an Error saying what was expected.
 */
export function parseConditionValue(text: string, type: ConditionValueType): Literal {
  switch (type) {
    case 'bool': {
      const lower = text.trim().toLowerCase();
      if (['true', 'yes', '1'].includes(lower)) return primitive({ case: 'boolean', value: true });
      if (['false', 'no', '0'].includes(lower)) return primitive({ case: 'boolean', value: false });
      throw new Error(`"${text}" is not a bool: give true or false`);
    }
    case 'int':
      if (!/^[+-]?\d+$/.test(text.trim())) throw new Error(`"${text}" is not an int: give a whole number such as 42`);
      return primitive({ case: 'integer', value: BigInt(text.trim()) });
    case 'float': {
      const number = Number(text.trim());
      if (text.trim() === '' || !Number.isFinite(number)) throw new Error(`"${text}" is not a float: give a number such as 0.5`);
      return primitive({ case: 'floatValue', value: number });
    }
    case 'string':
      return primitive({ case: 'stringValue', value: text });
  }
}
