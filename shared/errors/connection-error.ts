/** The API server could not be reached at all (refused, timed out, TLS failure, DNS). */
export class KubeConnectionError extends Error {
  override readonly name = 'KubeConnectionError';
  constructor(
    readonly server: string,
    readonly detail: string,
  ) {
    super(`Unable to connect to the server ${server}: ${detail}`);
  }
}
