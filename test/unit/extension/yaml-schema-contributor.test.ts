import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { type OpenApiSchema, taskActionJsonSchema } from '../../../shared/authoring/index.js';
import { registerTaskActionSchema, SCHEMA_SCHEME, TASK_ACTION_SCHEMA_URI, type YamlExtensionApi } from '../../../extension/src/authoring/yaml-schema-contributor.js';
import { repoRoot } from '../../harness/repo-root.js';

const root = repoRoot();
const crd = (parse(readFileSync(path.join(root, 'crds', 'taskactions.flyte.org.yaml'), 'utf8')) as { spec: { versions: { schema: { openAPIV3Schema: OpenApiSchema } }[] } })
  .spec.versions[0]?.schema.openAPIV3Schema as OpenApiSchema;
const runYaml = readFileSync(path.join(root, 'examples', 'run.yaml'), 'utf8');

/** Records what the YAML extension would be given, as redhat.vscode-yaml's API takes it. */
class FakeYamlApi implements YamlExtensionApi {
  contributors: { schema: string; requestSchema: (resource: string) => string | undefined; requestSchemaContent: (uri: string) => Promise<string> | string; label?: string }[] = [];

  registerContributor(schema: string, requestSchema: (resource: string) => string | undefined, requestSchemaContent: (uri: string) => Promise<string> | string, label?: string): boolean {
    this.contributors.push({ schema, requestSchema, requestSchemaContent, ...(label !== undefined ? { label } : {}) });
    return true;
  }
}

const files: Record<string, string> = {
  'file:///w/run.yaml': runYaml,
  'file:///w/pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\n',
  'file:///w/mixed.yaml': `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\n---\n${runYaml}`,
  'file:///w/comment.yaml': '# kind: TaskAction is mentioned here only\napiVersion: v1\nkind: ConfigMap\n',
};

function registered(): FakeYamlApi['contributors'][number] {
  const api = new FakeYamlApi();
  const schema = JSON.stringify(taskActionJsonSchema(crd, 'structure'));
  expect(registerTaskActionSchema(api, (resource) => files[resource], () => Promise.resolve(schema))).toBe(true);
  expect(api.contributors).toHaveLength(1);
  const [contributor] = api.contributors;
  if (contributor === undefined) throw new Error('nothing registered');
  return contributor;
}

describe('registerTaskActionSchema', () => {
  it('registers one contributor of its own scheme, with a label', () => {
    const contributor = registered();
    expect(contributor.schema).toBe(SCHEMA_SCHEME);
    expect(TASK_ACTION_SCHEMA_URI.startsWith(`${SCHEMA_SCHEME}://`)).toBe(true);
    expect(contributor.label).toBe('Kueue TaskAction');
  });

  it('names the schema for files holding a TaskAction document, and for no other file', () => {
    const { requestSchema } = registered();
    expect(requestSchema('file:///w/run.yaml')).toBe(TASK_ACTION_SCHEMA_URI);
    expect(requestSchema('file:///w/mixed.yaml')).toBe(TASK_ACTION_SCHEMA_URI);
    expect(requestSchema('file:///w/pod.yaml')).toBeUndefined();
    expect(requestSchema('file:///w/comment.yaml')).toBeUndefined();
    expect(requestSchema('file:///w/not-open.yaml')).toBeUndefined();
  });

  it('serves the generated schema (structure only) at that URI, and refuses other URIs', async () => {
    const { requestSchemaContent } = registered();
    const served = JSON.parse(await requestSchemaContent(TASK_ACTION_SCHEMA_URI)) as Record<string, unknown>;
    expect(served).toEqual(taskActionJsonSchema(crd, 'structure'));
    expect(JSON.stringify(served)).not.toContain('"additionalProperties":false');
    await expect(Promise.resolve().then(() => requestSchemaContent(`${SCHEMA_SCHEME}://schemas/other.json`))).rejects.toThrow(/kueue serves no schema kueue-schema:\/\/schemas\/other\.json/);
  });
});
