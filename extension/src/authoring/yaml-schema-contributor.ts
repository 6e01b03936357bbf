/**
 * The part of the Red Hat YAML extension's API (redhat.vscode-yaml, `activate()`'s result) a schema contributor
 * uses: per file, `requestSchema` names a schema by a URI of the contributor's scheme (or none), and
 * `requestSchemaContent` serves that URI's JSON.
 */
export interface YamlExtensionApi {
  registerContributor(
    schema: string,
    requestSchema: (resource: string) => string | undefined,
    requestSchemaContent: (uri: string) => Promise<string> | string,
    label?: string,
  ): boolean;
}

export const SCHEMA_SCHEME = 'kueue-schema';
export const TASK_ACTION_SCHEMA_URI = `${SCHEMA_SCHEME}://schemas/taskaction.json`;

const TASK_ACTION_DOCUMENT = /^\s*kind:\s*["']?TaskAction["']?\s*(#.*)?$/m;

/** Whether the text of a YAML file holds a TaskAction document (a look at the text; the schema checks the rest). */
export function holdsTaskAction(text: string): boolean {
  return TASK_ACTION_DOCUMENT.test(text);
}

/**
 * Gives the TaskAction schema to the YAML extension for files that hold a TaskAction document. The schema applies
 * to TaskAction documents only (by apiVersion and kind), so other documents of the same file are left alone.
 */
export function registerTaskActionSchema(
  api: YamlExtensionApi,
  /** The text of an open file by its URI (as a string), undefined when it is not open. */
  textOf: (resource: string) => string | undefined,
  /** The schema's JSON text, loaded when the YAML extension first asks for it. */
  schemaText: () => Promise<string>,
): boolean {
  return api.registerContributor(
    SCHEMA_SCHEME,
    (resource) => {
      const text = textOf(resource);
      return text !== undefined && holdsTaskAction(text) ? TASK_ACTION_SCHEMA_URI : undefined;
    },
    (uri) => (uri === TASK_ACTION_SCHEMA_URI ? schemaText() : Promise.reject(new Error(`kueue serves no schema ${uri}`))),
    'Kueue TaskAction',
  );
}
