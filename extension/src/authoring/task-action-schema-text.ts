import { parse } from 'yaml';
import crdText from '../../../crds/taskactions.flyte.org.yaml' with { type: 'text' };
import { type OpenApiSchema, taskActionJsonSchema } from '../../../shared/authoring/index.js';

interface CrdDocument {
  spec?: { versions?: { schema?: { openAPIV3Schema?: OpenApiSchema } }[] };
}

/**
 * The TaskAction schema given to the YAML extension, from the CRD this build carries. `structure`: our own
 * diagnostics report unknown fields, lengths and missing fields (with quick fixes), so the YAML extension is not
 * asked to report them a second time.
 */
export function taskActionSchemaText(): string {
  const crd = (parse(crdText) as CrdDocument).spec?.versions?.[0]?.schema?.openAPIV3Schema;
  if (crd === undefined) throw new Error('crds/taskactions.flyte.org.yaml has no openAPIV3Schema');
  return JSON.stringify(taskActionJsonSchema(crd, 'structure'));
}
