import { create } from '@bufbuild/protobuf';
import { ConditionActionSchema } from '@flyteorg/flyteidl2/flyteidl2/workflow/run_definition_pb.js';
import { describe, expect, it } from 'vitest';
import { buildConditionTaskAction } from '../../../shared/actions/index.js';
import { routeAction } from '../../../shared/executor/plugin-route.js';
import { PluginRegistry } from '../../../shared/plugins/plugin-registry.js';
import { containerTaskTemplate } from '../../../shared/task-action/container-task.js';
import { fakeSetupContext, stubPlugin } from '../plugins/setup-context-fake.js';
import { storedTaskAction } from './task-action-fixture.js';

const condition = () =>
  buildConditionTaskAction(
    { org: 'acme', project: 'proj', domain: 'dev', runName: 'r1', actionName: 'ok', inputUri: '', runOutputBase: '', condition: create(ConditionActionSchema, { name: 'ok' }) },
    'flyte',
  );

async function registry(withCondition: boolean) {
  return PluginRegistry.load(fakeSetupContext(), [
    { id: 'pod', registeredTaskTypes: ['container'], isDefault: true, loadPlugin: () => stubPlugin('pod') },
    ...(withCondition ? [{ id: 'condition', registeredTaskTypes: [], registeredActionTypes: ['condition'], isDefault: false, loadPlugin: () => stubPlugin('condition') }] : []),
  ]);
}

describe('routeAction', () => {
  it('sends an action of another type to its plugin with an empty template, without the task spec checks', async () => {
    const route = routeAction(condition(), await registry(true));
    expect(route.kind).toBe('run');
    if (route.kind !== 'run') return;
    expect(route.plugin.getId()).toBe('condition');
    expect(route.template.type).toBe('');
  });

  it('rejects an action type no plugin registered (the default plugin runs tasks only) with PluginNotFound', async () => {
    expect(routeAction(condition(), await registry(false))).toEqual({
      kind: 'reject',
      reason: 'PluginNotFound',
      message: 'no plugin found for action type "condition": no plugin registered for action type "condition"',
    });
  });

  it('rejects an action of another type without its identifying fields with InvalidSpec', async () => {
    const action = condition();
    action.spec.project = '';
    expect(routeAction(action, await registry(true))).toEqual({ kind: 'reject', reason: 'InvalidSpec', message: 'required spec fields are empty: [project]' });
  });

  it('keeps routing tasks (with or without actionType: task) by task type with their template', async () => {
    const task = storedTaskAction(containerTaskTemplate({ image: 'busybox' }));
    for (const actionType of [undefined, 'task'] as const) {
      if (actionType === undefined) delete task.spec.actionType;
      else task.spec.actionType = actionType;
      const route = routeAction(task, await registry(true));
      expect(route.kind === 'run' && route.plugin.getId()).toBe('pod');
      expect(route.kind === 'run' && route.template.type).toBe('container');
    }
  });
});
