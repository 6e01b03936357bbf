/** What an API request did, in the API server's own terms (its audit and metrics use the same verbs). */
export interface RequestKind {
  verb: 'get' | 'list' | 'watch' | 'create' | 'update' | 'patch' | 'delete' | 'deletecollection' | 'other';
  /** The resource's plural, with a subresource after a slash (`taskactions/status`, `pods/log`); '' when none. */
  resource: string;
}

/**
 * The verb and resource of a request path: `/api/v1/namespaces/N/pods/P/log` is get `pods/log`,
 * `/apis/flyte.org/v1/namespaces/N/taskactions?watch=true` is watch `taskactions`. Paths that name no resource
 * (discovery, `/version`) give `other` and ''.
 */
export function requestKind(method: string, pathWithQuery: string): RequestKind {
  const [path = '', query = ''] = pathWithQuery.split('?', 2);
  const parts = path.split('/').filter((p) => p !== '');
  // /api/v1/... or /apis/GROUP/VERSION/...
  const rest = parts[0] === 'api' ? parts.slice(2) : parts[0] === 'apis' ? parts.slice(3) : undefined;
  if (rest === undefined || rest.length === 0) return { verb: 'other', resource: '' };
  const scoped = rest[0] === 'namespaces' && rest.length >= 3 ? rest.slice(2) : rest;
  const [resource = '', name, subresource] = scoped;
  const named = name !== undefined;
  const fullResource = subresource !== undefined ? `${resource}/${subresource}` : resource;
  const watch = new URLSearchParams(query).get('watch');
  switch (method.toUpperCase()) {
    case 'GET':
      if (watch === 'true' || watch === '1') return { verb: 'watch', resource: fullResource };
      return { verb: named ? 'get' : 'list', resource: fullResource };
    case 'POST':
      return { verb: 'create', resource: fullResource };
    case 'PUT':
      return { verb: 'update', resource: fullResource };
    case 'PATCH':
      return { verb: 'patch', resource: fullResource };
    case 'DELETE':
      return { verb: named ? 'delete' : 'deletecollection', resource: fullResource };
    default:
      return { verb: 'other', resource: fullResource };
  }
}
