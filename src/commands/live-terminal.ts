/**
 * Ink shows only a final frame when CI is set (it reads it once, on import). A real terminal gets
 * the live UI whatever the environment says; call this before Ink is imported.
 */
export function preferLiveTerminal(): void {
  if (!process.stdout.isTTY) return;
  delete process.env.CI;
  delete process.env.CONTINUOUS_INTEGRATION;
}
