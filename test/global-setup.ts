import { execFileSync } from 'node:child_process';

/** Integration and end-to-end tests run the real `quai` bundle: build it once per test run. */
export default function setup(): void {
  if (!process.env.QUAI_SKIP_BUILD) execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
}
