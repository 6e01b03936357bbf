import { type FieldPath } from './field-path.js';
import { type JsonObject, isPlainObject } from './json-value.js';
import { type ProblemCollector } from './problems.js';

/** Per-step settings on the object, for people who convert in an editor and cannot pass flags. */
export const STEPS_ANNOTATION = 'kueue.dev/steps';

/** What the Tekton entrypoint can do per step: `-timeout` and `-on_error`. */
export interface StepSettings {
  /** A Go duration (`30m`, `1h30m`): the step is stopped and fails when it runs longer. */
  timeout?: string;
  /** `continue`: a failing step lets the next one run; `stopAndFail` is the entrypoint's default. */
  onError?: 'continue' | 'stopAndFail';
}

const ON_ERROR_VALUES = ['continue', 'stopAndFail'] as const;
const SETTING_NAMES = new Set(['timeout', 'onError']);
/** What Go's `time.ParseDuration` accepts, without a sign (a negative timeout makes no sense). */
const GO_DURATION = /^(?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|μs|ms|s|m|h)(?:(?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|μs|ms|s|m|h))*$/;

const EXAMPLE = `e.g. ${STEPS_ANNOTATION}: '{"train": {"timeout": "30m", "onError": "continue"}}'`;

/**
 * Reads and checks the `kueue.dev/steps` annotation of a metadata level against the step names, reporting
 * every problem at the annotation's field. Returns the settings by step name (empty without the annotation).
 */
export function readStepSettings(
  annotations: JsonObject | undefined,
  annotationsPath: FieldPath,
  stepNames: readonly string[],
  problems: ProblemCollector,
): Map<string, StepSettings> {
  const settings = new Map<string, StepSettings>();
  const raw = annotations?.[STEPS_ANNOTATION];
  if (raw === undefined) return settings;
  const field = [...annotationsPath, STEPS_ANNOTATION];
  if (typeof raw !== 'string') {
    problems.add(`annotation ${STEPS_ANNOTATION} must be a string of JSON`, field, EXAMPLE);
    return settings;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch (err) {
    problems.add(`annotation ${STEPS_ANNOTATION} is not valid JSON: ${err instanceof Error ? err.message : String(err)}`, field, EXAMPLE);
    return settings;
  }
  if (!isPlainObject(parsed)) {
    problems.add(`annotation ${STEPS_ANNOTATION} must be a JSON object of step names`, field, EXAMPLE);
    return settings;
  }
  for (const [step, value] of Object.entries(parsed)) {
    if (!stepNames.includes(step)) {
      problems.add(
        `annotation ${STEPS_ANNOTATION} names step "${step}", which is not a container of this object`,
        field,
        `use one of: ${stepNames.map((n) => `"${n}"`).join(', ') || '(no containers)'}`,
      );
      continue;
    }
    const read = readOneStep(step, value, field, problems);
    if (read !== undefined) settings.set(step, read);
  }
  return settings;
}

function readOneStep(step: string, value: unknown, field: FieldPath, problems: ProblemCollector): StepSettings | undefined {
  if (!isPlainObject(value)) {
    problems.add(`annotation ${STEPS_ANNOTATION}: the settings of step "${step}" must be an object`, field, EXAMPLE);
    return undefined;
  }
  const result: StepSettings = {};
  for (const key of Object.keys(value)) {
    if (!SETTING_NAMES.has(key)) {
      problems.add(`annotation ${STEPS_ANNOTATION}: step "${step}" has unknown setting "${key}"`, field, 'the settings are "timeout" and "onError"');
    }
  }
  const { timeout, onError } = value;
  if (timeout !== undefined) {
    if (typeof timeout === 'string' && GO_DURATION.test(timeout)) result.timeout = timeout;
    else {
      problems.add(
        `annotation ${STEPS_ANNOTATION}: step "${step}" has timeout ${JSON.stringify(timeout)}, which is not a duration`,
        field,
        'write a Go duration such as "90s", "30m" or "1h30m"',
      );
    }
  }
  if (onError !== undefined) {
    const known = ON_ERROR_VALUES.find((v) => v === onError);
    if (known !== undefined) result.onError = known;
    else {
      problems.add(
        `annotation ${STEPS_ANNOTATION}: step "${step}" has onError ${JSON.stringify(onError)}`,
        field,
        'use "continue" (the next step runs after a failure) or "stopAndFail" (the default)',
      );
    }
  }
  return result;
}

/** The entrypoint flags of a step's settings, in a fixed order. */
export function stepSettingArgs(settings: StepSettings | undefined): string[] {
  if (settings === undefined) return [];
  return [...(settings.timeout === undefined ? [] : ['-timeout', settings.timeout]), ...(settings.onError === undefined ? [] : ['-on_error', settings.onError])];
}
