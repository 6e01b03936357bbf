import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { type ManifestText } from '../../shared/install/manifest-documents.js';
import { type KubeObject } from '../../shared/kube/kube-object.js';

export const CRDS_DIR = path.resolve('crds');

/** Every YAML file in crds/, sorted by name, as `installObjects` takes them. */
export function manifestTexts(): ManifestText[] {
  return readdirSync(CRDS_DIR)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => ({ source: `crds/${f}`, text: readFileSync(path.join(CRDS_DIR, f), 'utf8') }));
}

/** The objects of one file in crds/, in document order. */
export function manifestObjects(file: string): KubeObject[] {
  return parseAllDocuments(readFileSync(path.join(CRDS_DIR, file), 'utf8'))
    .map((doc) => doc.toJS() as KubeObject | null)
    .filter((o): o is KubeObject => o !== null);
}

/** The one object of `kind` (and `name`, when given) in a file of crds/. */
export function manifestObject<T extends KubeObject = KubeObject>(file: string, kind: string, name?: string): T {
  const found = manifestObjects(file).filter((o) => o.kind === kind && (name === undefined || o.metadata.name === name));
  if (found.length !== 1) throw new Error(`crds/${file} has ${found.length} ${kind}${name ? ` named ${name}` : ''} objects, expected 1`);
  return found[0] as T;
}
