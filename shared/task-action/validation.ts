import { type InputLocation, UserError, UserErrors } from '../errors/index.js';
import { type ActionIdentity, taskActionName } from './naming.js';

/** Field limits of the TaskAction CRD; checked before any request so a run is never half created. */
export const LIMITS = {
  runName: 30,
  actionName: 30,
  parentActionName: 30,
  org: 63,
  project: 63,
  domain: 63,
  taskType: 63,
  shortName: 63,
  cacheKey: 256,
  group: 256,
  /** A DNS-1123 subdomain, the limit of every Kubernetes object name. */
  name: 253,
  /** Kubernetes label values. */
  labelValue: 63,
} as const;

const DNS1123_LABEL = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const DNS1123_SUBDOMAIN = new RegExp(`^${DNS1123_LABEL}(\\.${DNS1123_LABEL})*$`);
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const ENV_VAR_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;

/** A valid Kubernetes object name (`metadata.name` of most kinds, TaskActions included). */
export function isDns1123Subdomain(value: string): boolean {
  return value.length > 0 && value.length <= LIMITS.name && DNS1123_SUBDOMAIN.test(value);
}

/** A valid Kubernetes label value (may be empty). */
export function isLabelValue(value: string): boolean {
  return value.length <= LIMITS.labelValue && LABEL_VALUE.test(value);
}

/** A valid Kubernetes label key: an optional DNS-1123 subdomain prefix and '/', then a name of at most 63 characters. */
export function isLabelKey(key: string): boolean {
  const slash = key.indexOf('/');
  const prefix = slash < 0 ? undefined : key.slice(0, slash);
  const name = slash < 0 ? key : key.slice(slash + 1);
  if (prefix !== undefined && !isDns1123Subdomain(prefix)) return false;
  return name !== '' && isLabelValue(name);
}

/**
 * A part of the CR name that is also a label value: it must keep the joined name a DNS-1123 subdomain whatever its
 * neighbours, so it must itself be one (lower case, digits, '-' and '.', alphanumeric at both ends, no empty
 * dot-separated segment).
 */
function isNamePart(value: string): boolean {
  return DNS1123_SUBDOMAIN.test(value);
}

/** A lower-cased, cleaned suggestion for a rejected name part, when one exists. */
function suggestNamePart(value: string, max: number): string | undefined {
  const suggestion = value
    .toLowerCase()
    .replace(/[^a-z0-9.-]+/g, '-')
    .replace(/[-.]*\.[-.]*/g, '.')
    .replace(/-+/g, '-')
    .replace(/^[^a-z0-9]+/, '')
    .slice(0, max)
    .replace(/[^a-z0-9]+$/, '');
  return suggestion !== '' && suggestion !== value && isNamePart(suggestion) ? suggestion : undefined;
}

function quote(value: string): string {
  return JSON.stringify(value.length > 80 ? `${value.slice(0, 77)}...` : value);
}

export interface ValidationContext {
  /** `TaskAction/<name>` or similar, to say which object a problem is in. */
  object?: string;
  /** Where the input came from (file, document, line), copied into each error. */
  location?: InputLocation;
}

class Collector {
  readonly errors: UserError[] = [];
  constructor(private readonly context: ValidationContext) {}

  add(field: string, message: string, hint?: string): void {
    const location: InputLocation = { ...this.context.location, field };
    if (this.context.object !== undefined) location.object = this.context.object;
    this.errors.push(new UserError(message, location, hint));
  }

  /** Required text with a length range; returns whether the value passed, so later checks can rely on it. */
  length(field: string, value: string | undefined, max: number, what: string, required: boolean): value is string {
    if (value === undefined) {
      if (required) this.add(field, `${field} is required`, `give the ${what} (1 to ${max} characters)`);
      return false;
    }
    if (value.length === 0) {
      this.add(field, `${field} must not be empty`, `give the ${what} (1 to ${max} characters)`);
      return false;
    }
    if (value.length > max) {
      this.add(
        field,
        `${field} ${quote(value)} is ${value.length} characters long; at most ${max} are allowed`,
        `use a ${what} of at most ${max} characters`,
      );
      return false;
    }
    return true;
  }

  namePart(field: string, value: string | undefined, max: number, what: string, label: string): void {
    if (!this.length(field, value, max, what, true)) return;
    if (isNamePart(value)) return;
    const suggestion = suggestNamePart(value, max);
    this.add(
      field,
      `${field} ${quote(value)} is not valid: it is part of the TaskAction name and the ${label} label, so it may ` +
        `only contain lower-case letters, digits, '-' and '.', and must start and end with a letter or digit`,
      suggestion !== undefined ? `use for example ${quote(suggestion)}` : 'use lower-case letters, digits and dashes',
    );
  }
}

export interface RunIdentity {
  org: string;
  project: string;
  domain: string;
  runName: string;
}

function checkRun(c: Collector, run: Partial<RunIdentity>): void {
  c.namePart('spec.org', run.org, LIMITS.org, 'organization name', 'flyte.org/org');
  c.namePart('spec.project', run.project, LIMITS.project, 'project name', 'flyte.org/project');
  c.namePart('spec.domain', run.domain, LIMITS.domain, 'domain name', 'flyte.org/domain');
  c.namePart('spec.runName', run.runName, LIMITS.runName, 'run name', 'flyte.org/run');
}

function throwIfAny(errors: UserError[]): void {
  if (errors.length === 1 && errors[0] !== undefined) throw errors[0];
  if (errors.length > 1) throw new UserErrors(errors);
}

/** Problems with a run's identity (what `abort run` and listing a run need). */
export function runIdentityErrors(run: Partial<RunIdentity>, context: ValidationContext = {}): UserError[] {
  const c = new Collector(context);
  checkRun(c, run);
  return c.errors;
}

export function assertValidRunIdentity(run: Partial<RunIdentity>, context: ValidationContext = {}): void {
  throwIfAny(runIdentityErrors(run, context));
}

/** The fields of an action that end up in its CR, as a caller describes them; everything but the template. */
export interface ActionFields extends Partial<ActionIdentity> {
  parentActionName?: string;
  taskType?: string;
  shortName?: string;
  inputUri?: string;
  runOutputBase?: string;
  cacheKey?: string;
  group?: string;
  envVars?: Record<string, string>;
  labels?: Record<string, string>;
}

/**
 * Every problem with an action before it is sent: the CRD limits, the name and label rules, and the mistakes
 * Flyte's queue let through (an explicitly empty parent name, which produced an invalid object).
 */
export function actionErrors(action: ActionFields, context: ValidationContext = {}): UserError[] {
  const identityKnown = [action.org, action.project, action.domain, action.runName, action.actionName].every(
    (part) => part !== undefined && part !== '',
  );
  const object =
    context.object ?? (identityKnown ? `TaskAction/${taskActionName(action as ActionIdentity)}` : undefined);
  const c = new Collector({ ...context, ...(object !== undefined ? { object } : {}) });
  checkRun(c, action);
  c.namePart('spec.actionName', action.actionName, LIMITS.actionName, 'action name', 'flyte.org/action');

  if (action.parentActionName !== undefined) {
    if (action.parentActionName === '') {
      c.add(
        'spec.parentActionName',
        'spec.parentActionName is empty',
        'omit the parent for the root action of a run, or name the parent action',
      );
    } else {
      // The parent is found by its flyte.org/action label, so its name follows the same rules as an action name.
      c.namePart(
        'spec.parentActionName',
        action.parentActionName,
        LIMITS.parentActionName,
        'parent action name',
        'flyte.org/action',
      );
      if (action.parentActionName === action.actionName) {
        c.add(
          'spec.parentActionName',
          `action ${quote(action.actionName ?? '')} names itself as its parent`,
          'name a different parent action, or omit the parent for the root action',
        );
      }
    }
  }

  if (action.taskType !== undefined) c.length('spec.taskType', action.taskType, LIMITS.taskType, 'task type', true);
  if (action.shortName !== undefined && action.shortName.length > LIMITS.shortName) {
    c.add(
      'spec.shortName',
      `spec.shortName ${quote(action.shortName)} is ${action.shortName.length} characters long; at most ${LIMITS.shortName} are allowed`,
      `use a display name of at most ${LIMITS.shortName} characters`,
    );
  }
  for (const field of ['inputUri', 'runOutputBase'] as const) {
    if (action[field] === '') {
      c.add(`spec.${field}`, `spec.${field} must not be empty`, `omit it to use the default, or give a URI`);
    }
  }
  for (const field of ['cacheKey', 'group'] as const) {
    const value = action[field];
    if (value !== undefined && value.length > LIMITS[field]) {
      c.add(
        `spec.${field}`,
        `spec.${field} is ${value.length} characters long; at most ${LIMITS[field]} are allowed`,
        `shorten the ${field}`,
      );
    }
  }
  for (const name of Object.keys(action.envVars ?? {})) {
    if (!ENV_VAR_NAME.test(name)) {
      c.add(
        `spec.envVars[${name}]`,
        `environment variable name ${quote(name)} is not valid`,
        "use letters, digits, '_', '-' and '.', not starting with a digit",
      );
    }
  }

  for (const [key, value] of Object.entries(action.labels ?? {})) {
    if (!isLabelKey(key)) {
      c.add(
        `metadata.labels[${key}]`,
        `metadata.labels key ${quote(key)} is not a valid label key`,
        "use an optional DNS subdomain prefix and '/', then at most 63 letters, digits, '-', '_' and '.', starting and ending with a letter or digit",
      );
    } else if (!isLabelValue(value)) {
      c.add(
        `metadata.labels[${key}]`,
        `metadata.labels[${key}] value ${quote(value)} is not a valid label value`,
        "use at most 63 letters, digits, '-', '_' and '.', starting and ending with a letter or digit (or an empty value)",
      );
    }
  }

  if (identityKnown && c.errors.length === 0) {
    const name = taskActionName(action as ActionIdentity);
    if (!isDns1123Subdomain(name)) {
      c.add('metadata.name', `TaskAction name ${quote(name)} is not a valid DNS-1123 subdomain`, 'shorten the org, project, domain, run or action name');
    }
  }
  return c.errors;
}

/** Throws the action's problems: one `UserError`, or `UserErrors` when there are several. */
export function assertValidAction(action: ActionFields, context: ValidationContext = {}): void {
  throwIfAny(actionErrors(action, context));
}
