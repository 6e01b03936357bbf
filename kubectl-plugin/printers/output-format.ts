import { readFileSync } from 'node:fs';
import { UserError } from '../../shared/errors/index.js';
import { JsonPathTemplate, TemplateSyntaxError, relaxedPath } from './jsonpath/index.js';

/** A custom column: its header as given, and the template that finds its values. */
export interface CustomColumn {
  header: string;
  template: JsonPathTemplate;
}

/** What `-o` asked for: one of the command's own formats, a JSONPath template, or custom columns. */
export type OutputFormat<Builtin extends string = string> =
  | { kind: 'builtin'; name: Builtin }
  | { kind: 'jsonpath'; flag: string; template: JsonPathTemplate }
  | { kind: 'custom-columns'; flag: string; columns: CustomColumn[] };

const TEMPLATE_FORMATS = ['jsonpath', 'jsonpath-file', 'custom-columns', 'custom-columns-file'];
const GO_TEMPLATES = ['go-template', 'go-template-file', 'template', 'templatefile'];

/**
 * Parses `-o` as kubectl does: the command's own formats (`builtins`) plus `jsonpath=`, `jsonpath-file=`,
 * `custom-columns=` and `custom-columns-file=`. Go templates are refused with the JSONPath equivalent to use.
 */
export function parseOutputFormat<B extends string>(value: string | undefined, builtins: readonly B[]): OutputFormat<B> | undefined {
  if (value === undefined) return undefined;
  if ((builtins as readonly string[]).includes(value)) return { kind: 'builtin', name: value as B };
  const equals = value.indexOf('=');
  const name = equals < 0 ? value : value.slice(0, equals);
  const argument = equals < 0 ? undefined : value.slice(equals + 1);
  const valid = [...builtins, ...TEMPLATE_FORMATS.map((f) => `${f}=...`)].join('|');
  if (GO_TEMPLATES.includes(name)) {
    throw new UserError(`-o ${name} is not supported: Go templates need Go's template engine; use -o jsonpath=TEMPLATE instead (kubectl's JSONPath, e.g. -o jsonpath='{.items[*].metadata.name}')`);
  }
  if (!TEMPLATE_FORMATS.includes(name)) throw new UserError(`--output must be one of ${valid}, got "${value}"`);
  if (argument === undefined || argument === '') {
    throw new UserError(`-o ${name} needs ${name.endsWith('-file') ? 'a file' : 'a template'}: -o ${name}=${name.endsWith('-file') ? 'FILE' : name === 'jsonpath' ? "'{.items[*].metadata.name}'" : 'NAME:.metadata.name,...'}`);
  }
  const flag = `-o ${name}`;
  if (name === 'jsonpath') return { kind: 'jsonpath', flag, template: compileTemplate(argument, flag) };
  if (name === 'jsonpath-file') return { kind: 'jsonpath', flag, template: compileTemplate(readTemplateFile(argument, flag), `${flag} (${argument})`) };
  if (name === 'custom-columns') return { kind: 'custom-columns', flag, columns: parseColumnSpec(argument, flag) };
  return { kind: 'custom-columns', flag, columns: parseColumnFile(readTemplateFile(argument, flag), `${flag} (${argument})`) };
}

/** Parses a JSONPath template; a syntax error names the flag, the position (1-based) and what was expected. */
export function compileTemplate(source: string, flag: string): JsonPathTemplate {
  try {
    return new JsonPathTemplate(source);
  } catch (err) {
    if (!(err instanceof TemplateSyntaxError)) throw err;
    const line = source.split('\n').length > 1 ? '' : `\n  ${source}\n  ${' '.repeat(err.position)}^`;
    throw new UserError(`${flag}: invalid template at position ${err.position + 1}: ${err.message}${line}`);
  }
}

function readTemplateFile(file: string, flag: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UserError(`${flag}: cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : (code ?? String(err))}`);
  }
}

/** `NAME:.metadata.name,RUN:.spec.runName`: kubectl splits on commas and colons, so a path holds neither. */
function parseColumnSpec(spec: string, flag: string): CustomColumn[] {
  return spec.split(',').map((part, index) => {
    const pieces = part.split(':');
    if (pieces.length !== 2 || pieces[0] === '') {
      throw new UserError(`${flag}: column ${index + 1} is "${part}": expected HEADER:PATH, e.g. NAME:.metadata.name (a path cannot hold "," or ":")`);
    }
    const [header = '', path = ''] = pieces;
    return { header, template: compileTemplate(relaxedPath(path), `${flag} (column ${header})`) };
  });
}

/** The file form: a line of headers, then a line of paths, both separated by white space. */
function parseColumnFile(text: string, flag: string): CustomColumn[] {
  const [headerLine, pathLine] = text.split('\n');
  const headers = (headerLine ?? '').trim().split(/\s+/).filter(Boolean);
  const paths = (pathLine ?? '').trim().split(/\s+/).filter(Boolean);
  if (headers.length === 0 || paths.length === 0) {
    throw new UserError(`${flag}: expected one line of headers and one line of paths, separated by spaces, e.g.\n  NAME          RUN\n  .metadata.name .spec.runName`);
  }
  if (headers.length !== paths.length) throw new UserError(`${flag}: ${headers.length} headers but ${paths.length} paths; give one path per header`);
  return headers.map((header, i) => ({ header, template: compileTemplate(relaxedPath(paths[i] ?? ''), `${flag} (column ${header})`) }));
}
