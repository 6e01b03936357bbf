import { type YAMLError } from 'yaml';
import { type InputLocation, UserError } from '../errors/index.js';
import { checkYamlDocument, defaultYamlInputLimits, isStackOverflow, MAX_NESTING_DEPTH } from '../yaml-input/index.js';
import { type SourceDocument } from './yaml-document-stream.js';
import { yamlErrorMessage } from './yaml-error-message.js';

/** The shared input limits (depth, self-referencing aliases, expansion, tags, exact numbers) for one document. */
export function guardErrors(source: SourceDocument, text: string, at: (offset: number) => InputLocation): UserError[] {
  const limits = defaultYamlInputLimits(source.end - source.start);
  return checkYamlDocument(source.doc, limits).map((problem) => new UserError(problem.message, at(problem.offset), problem.hint));
}

/** A parser error for the user; running out of stack on deep nesting is said as the depth limit. */
export function syntaxError(error: YAMLError, text: string, location: InputLocation): UserError {
  if (isStackOverflow(error)) {
    return new UserError(`the document nests collections deeper than ${MAX_NESTING_DEPTH} levels`, location, 'a Kubernetes manifest never nests this deep: check the indentation and brackets');
  }
  return new UserError(yamlErrorMessage(error, text), location);
}
