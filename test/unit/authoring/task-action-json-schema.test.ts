import Ajv from 'ajv';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { type JsonSchema, type OpenApiSchema, type SchemaChecks, taskActionJsonSchema } from '../../../shared/authoring/index.js';
import { repoRoot } from '../../harness/repo-root.js';

interface Crd {
  spec: { versions: { schema: { openAPIV3Schema: OpenApiSchema } }[] };
}

const root = repoRoot();
function readCrdSchema(): OpenApiSchema {
  const schema = (parse(readFileSync(path.join(root, 'crds', 'taskactions.flyte.org.yaml'), 'utf8')) as Crd).spec.versions[0]?.schema.openAPIV3Schema;
  if (schema === undefined) throw new Error('the CRD has no openAPIV3Schema');
  return schema;
}
const crdSchema = readCrdSchema();
const runDocuments = parseAllDocuments(readFileSync(path.join(root, 'examples', 'run.yaml'), 'utf8')).map((doc) => doc.toJS() as unknown);

function validator(checks: SchemaChecks) {
  // draft-07, as the YAML language server reads schemas.
  const validate = new Ajv({ allErrors: true }).compile(taskActionJsonSchema(crdSchema, checks));
  return (value: unknown) => (validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.dataPath} ${e.message ?? ''} ${JSON.stringify(e.params)}`));
}

const action = (spec: Record<string, unknown>) => ({ apiVersion: 'flyte.org/v1', kind: 'TaskAction', spec: { runName: 'r', actionName: 'a0', ...spec } });
const retiresTypo = action({ taskTemplate: { retires: 2, container: { image: 'busybox' } } });

describe('taskActionJsonSchema', () => {
  it('accepts every document of examples/run.yaml, with every check and with the structure alone', () => {
    expect(runDocuments.length).toBeGreaterThan(1);
    for (const checks of ['all', 'structure'] as const) {
      const validate = validator(checks);
      expect(runDocuments.map(validate)).toEqual(runDocuments.map(() => []));
    }
  });

  it('rejects a misspelt taskTemplate field (retires), naming where it is', () => {
    const errors = validator('all')(retiresTypo);
    expect(errors.some((e) => e.startsWith('.spec.taskTemplate') && e.includes('"additionalProperty":"retires"'))).toBe(true);
  });

  it('rejects unknown spec fields, names over the CRD limit and values of the wrong type', () => {
    const validate = validator('all');
    expect(validate(action({ comand: 'x' })).join('\n')).toContain('"additionalProperty":"comand"');
    expect(validate(action({ runName: 'r'.repeat(31) })).join('\n')).toContain('.spec.runName should NOT be longer than 30 characters');
    expect(validate(action({ interruptible: 'yes' })).join('\n')).toContain('.spec.interruptible should be boolean');
    expect(validate({ apiVersion: 'flyte.org/v1', kind: 'TaskAction', spec: { runName: 'r' } }).join('\n')).toContain("should have required property 'actionName'");
  });

  it('leaves unknown fields, lengths and required fields to our own diagnostics under `structure`, keeping types', () => {
    const validate = validator('structure');
    expect(validate(retiresTypo)).toEqual([]);
    expect(validate(action({ runName: 'r'.repeat(31) }))).toEqual([]);
    expect(validate(action({ interruptible: 'yes' })).join('\n')).toContain('.spec.interruptible should be boolean');
  });

  it('accepts taskTemplate as the CRD has it (base64 bytes) or expanded, and nothing else', () => {
    const validate = validator('all');
    expect(validate(action({ taskTemplate: 'CgRrZXk=' }))).toEqual([]);
    expect(validate(action({ taskTemplate: { pod: { sequential: true, spec: { containers: [{ name: 'a', image: 'busybox' }] } } } }))).toEqual([]);
    expect(validate(action({ taskTemplate: 7 }))).not.toEqual([]);
  });

  it('lets documents of other kinds in the same file pass', () => {
    const validate = validator('all');
    expect(validate({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { retires: 1 } })).toEqual([]);
  });

  it('takes every spec and status field, with its type and limits, from the CRD', () => {
    const then = taskActionJsonSchema(crdSchema, 'all')['then'] as JsonSchema;
    const properties = then['properties'] as Record<string, JsonSchema>;
    const spec = (properties['spec']?.['properties'] ?? {}) as Record<string, JsonSchema>;
    expect(Object.keys(spec).sort()).toEqual(Object.keys(crdSchema.properties?.['spec']?.properties ?? {}).sort());
    expect(spec['runName']).toMatchObject({ type: 'string', maxLength: 30 });
    expect(spec['actionType']).toMatchObject({ enum: crdSchema.properties?.['spec']?.properties?.['actionType']?.['enum'] });
    expect(Object.keys((properties['status']?.['properties'] ?? {})).sort()).toEqual(Object.keys(crdSchema.properties?.['status']?.properties ?? {}).sort());
    // The hover documentation of the field, for the editor to show.
    expect(spec['runName']?.['description']).toMatch(/^Name of the run this action belongs to/);
  });
});
