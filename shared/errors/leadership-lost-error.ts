/**
 * A write refused, or a request cut short, because this process no longer holds the Lease that lets it act: a
 * deposed leader must not change anything the new leader now owns.
 */
export class LeadershipLostError extends Error {
  override readonly name = 'LeadershipLostError';
  constructor(
    readonly lease: string,
    readonly identity: string,
  ) {
    super(`${identity} no longer holds the lease ${lease}: the request was not sent`);
  }
}

export function isLeadershipLost(err: unknown): err is LeadershipLostError {
  return err instanceof LeadershipLostError;
}
