import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { YAML_PARSE_OPTIONS } from '../../../shared/convert/yaml-settings.js';

export const FIXTURE_DIR = path.resolve(import.meta.dirname, '../../fixtures/convert');

export interface ConvertFixture {
  name: string;
  input: string;
  /** What kueueleuleu v0.1.0 printed for the input (see the README next to the fixtures). */
  original: string;
}

export function convertFixtures(): ConvertFixture[] {
  return readdirSync(FIXTURE_DIR)
    .filter((file) => file.endsWith('.yaml') && !file.endsWith('.original.yaml'))
    .sort()
    .map((file) => {
      const name = file.replace(/\.yaml$/, '');
      return {
        name,
        input: readFileSync(path.join(FIXTURE_DIR, file), 'utf8'),
        original: readFileSync(path.join(FIXTURE_DIR, `${name}.original.yaml`), 'utf8'),
      };
    });
}

/** Every non-empty document of a YAML stream, parsed the way Kubernetes reads it. */
export function parseYamlStream(text: string): unknown[] {
  return parseAllDocuments(text, YAML_PARSE_OPTIONS)
    .map((doc) => {
      if (doc.errors.length > 0) throw new Error(doc.errors.map((e) => e.message).join('\n'));
      return doc.toJS() as unknown;
    })
    .filter((value) => value !== null && value !== undefined);
}
