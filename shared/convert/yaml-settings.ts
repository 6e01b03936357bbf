import {
  type CollectionTag,
  type DocumentOptions,
  type ParseOptions,
  type ScalarTag,
  type SchemaOptions,
  type Tags,
  type ToJSOptions,
  isScalar,
} from 'yaml';

/**
 * Kubernetes reads manifests with YAML 1.1 rules (go-yaml v2), so `yes`, `on` or `0777` mean what kubectl
 * makes of them, and strings we write that would be misread get quoted. Timestamps and base-60 numbers are
 * left as strings, as go-yaml leaves them when decoding into untyped values.
 */
export const YAML_PARSE_OPTIONS: ParseOptions & DocumentOptions & SchemaOptions = {
  version: '1.1',
  customTags: (tags: Tags) =>
    tags
      .filter((tag) =>
        typeof tag === 'string'
          ? !['timestamp', 'intTime', 'floatTime'].includes(tag)
          : tag.tag !== 'tag:yaml.org,2002:timestamp' && tag.format !== 'TIME',
      )
      .map((tag) => (typeof tag === 'string' ? tag : keepNumberSpelling(withGoYamlFloatTest(tag)))),
  prettyErrors: false,
  uniqueKeys: true,
};

/**
 * Far below what a billion-laughs document needs, far above what a hand-written manifest (with `<<: *base`
 * merges) uses.
 */
export const MAX_ALIAS_COUNT = 1000;

export const TO_JS_OPTIONS: ToJSOptions = { maxAliasCount: MAX_ALIAS_COUNT };

/** Strings of these forms are plain-safe in our schema but other YAML readers take them as dates or numbers. */
export function mayBeMisreadAsNonString(value: string): boolean {
  return /^\d{4}-\d\d?-\d\d?([Tt ]|$)/.test(value) || /^[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?$/.test(value);
}

/**
 * The `yaml` package's YAML 1.1 floats also match digit-less words such as `e0` or `.` (and read them as
 * NaN), which would turn a label value `e0` into `.nan`. go-yaml wants at least one digit; so do we.
 */
const FLOAT_WITH_DIGITS = /^[-+]?(?:[0-9][0-9_]*\.[0-9_]*|\.[0-9][0-9_]*)$/;
const FLOAT_EXP_WITH_DIGITS = /^[-+]?(?:[0-9][0-9_]*(?:\.[0-9_]*)?|\.[0-9][0-9_]*)[eE][-+]?[0-9]+$/;

function withGoYamlFloatTest(tag: ScalarTag | CollectionTag): ScalarTag | CollectionTag {
  if (tag.tag !== 'tag:yaml.org,2002:float' || !('test' in tag) || tag.test === undefined) return tag;
  if (tag.format === 'EXP') return { ...tag, test: FLOAT_EXP_WITH_DIGITS };
  if (tag.test.source.includes('inf')) return tag;
  return { ...tag, test: FLOAT_WITH_DIGITS };
}

/**
 * Numbers are printed from their value, so `0x1F`, `1e3` or `1_000` in a re-rendered document would change
 * spelling. A number whose value is still what its source text says is printed as that text, as booleans are.
 */
function keepNumberSpelling(tag: ScalarTag | CollectionTag): ScalarTag | CollectionTag {
  if ((tag.tag !== 'tag:yaml.org,2002:int' && tag.tag !== 'tag:yaml.org,2002:float') || tag.collection !== undefined) return tag;
  const scalarTag: ScalarTag = tag;
  const { stringify, test } = scalarTag;
  if (stringify === undefined || test === undefined) return tag;
  return {
    ...scalarTag,
    stringify(item, ctx, onComment, onChompKeep) {
      const source = item.source;
      if (typeof source === 'string' && test.test(source)) {
        const resolved = scalarTag.resolve(source, () => undefined, {});
        const value = isScalar(resolved) ? resolved.value : resolved;
        if (Object.is(value, item.value) || (Number.isNaN(value) && Number.isNaN(item.value))) return source;
      }
      return stringify(item, ctx, onComment, onChompKeep);
    },
  };
}
