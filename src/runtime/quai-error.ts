/** An error with a stable code, for messages, exit codes and tests. */
export class QuaiError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'QuaiError';
  }
}
