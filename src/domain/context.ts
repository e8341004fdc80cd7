/** What the pure domain needs from the outside world, injected so that tests control time. */
export interface DomainContext {
  /** Current instant; reducers never read the system clock themselves. */
  now(): Date;
}
