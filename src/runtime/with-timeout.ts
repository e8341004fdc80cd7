/**
 * `work`, or `fault()` thrown when it has not settled within `ms`. The work itself is not stopped
 * (a socket or a query cannot always be): a command that gets the fault exits, which ends it.
 */
export function withTimeout<T>(work: Promise<T>, ms: number, fault: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(fault()), ms);
  });
  // a rejection after the timeout is nobody's business any more: it must not go unhandled
  work.catch(() => undefined);
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}
