import { type DocumentOptions, type ParseOptions, type SchemaOptions, type Tags, type ToJSOptions } from 'yaml';

/**
 * Kubernetes reads manifests with YAML 1.1 rules (go-yaml v2), so `yes`, `on` or `0777` mean what kubectl
 * makes of them, and strings we write that would be misread get quoted. Timestamps and base-60 numbers are
 * left as strings, as go-yaml leaves them when decoding into untyped values.
 */
export const YAML_PARSE_OPTIONS: ParseOptions & DocumentOptions & SchemaOptions = {
  version: '1.1',
  customTags: (tags: Tags) =>
    tags.filter((tag) =>
      typeof tag === 'string'
        ? !['timestamp', 'intTime', 'floatTime'].includes(tag)
        : tag.tag !== 'tag:yaml.org,2002:timestamp' && tag.format !== 'TIME',
    ),
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
