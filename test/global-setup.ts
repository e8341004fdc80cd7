import { execFileSync } from 'node:child_process';

/** Integration and end-to-end tests run the real `quai` bundle: build it once per test run. */
export default function setup(): void {
  execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
}
