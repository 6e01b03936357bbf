import { EVENTS, type KubeClient, type KubeObject } from '../kube/index.js';
import { type EventDetails } from './action-details.js';

interface CoreEvent extends KubeObject {
  type?: string;
  reason?: string;
  message?: string;
  count?: number;
  lastTimestamp?: string;
  eventTime?: string;
  firstTimestamp?: string;
  series?: { count?: number; lastObservedTime?: string };
}

/** The Events about one object (by uid, so a namesake's never show), oldest first, as `kubectl describe` lists them. */
export async function objectEvents(client: KubeClient, namespace: string, object: { kind: string; name: string; uid: string }): Promise<EventDetails[]> {
  const list = await client.list<CoreEvent>(EVENTS, namespace, { fieldSelector: `involvedObject.uid=${object.uid}` });
  return list.items
    .map((event) => ({
      object: `${object.kind}/${object.name}`,
      type: event.type ?? '',
      reason: event.reason ?? '',
      message: event.message ?? '',
      count: event.series?.count ?? event.count ?? 1,
      lastSeen: event.series?.lastObservedTime ?? event.lastTimestamp ?? event.eventTime ?? event.firstTimestamp,
    }))
    .sort((a, b) => (a.lastSeen ?? '').localeCompare(b.lastSeen ?? ''));
}
