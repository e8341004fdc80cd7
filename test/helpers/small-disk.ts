import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, statfsSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

/** A small tmpfs of its own, to fill up or make read-only under a running (or starting) process. */
export interface SmallDisk {
  dir: string;
  /** Writes a filler file until the disk has not one block left. */
  fill(): void;
  /** Removes the filler: the space comes back. */
  free(): void;
  /** Remounts the disk read-only (or writable again). */
  readOnly(on: boolean): void;
}

const mount = (...args: string[]) => execFileSync('mount', args, { stdio: 'pipe' });

/**
 * Why a tmpfs cannot be mounted here (not root, no mount namespace), or null when it can: the
 * tests that need one are skipped with this reason rather than faked.
 */
export const mountRefusal: string | null = (() => {
  const probe = mkdtempSync(join(tmpdir(), 'quai-disk-probe-'));
  try {
    mount('-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', probe);
    execFileSync('umount', [probe]);
    return null;
  } catch (error) {
    return `cannot mount a tmpfs (${(error as Error).message.split('\n')[0]}): run the tests as root to test a full or read-only disk`;
  } finally {
    rmSync(probe, { recursive: true, force: true });
  }
})();

/** Small disks for one test file, each unmounted and removed after the file's tests. */
export function useSmallDisks(): (sizeMb: number) => SmallDisk {
  const mounted: string[] = [];
  afterAll(() => {
    for (const dir of mounted.splice(0)) {
      try {
        execFileSync('umount', ['-l', dir]);
      } catch {
        // already gone
      }
      rmSync(dir, { recursive: true, force: true });
    }
  });
  return (sizeMb) => {
    const dir = mkdtempSync(join(tmpdir(), 'quai-disk-'));
    mount('-t', 'tmpfs', '-o', `size=${sizeMb}m`, 'tmpfs', dir);
    mounted.push(dir);
    const filler = join(dir, 'filler');
    return {
      dir,
      fill() {
        const fd = openSync(filler, 'a');
        try {
          // big chunks first, then single blocks for the last bytes
          for (const size of [1 << 20, 64 << 10, 4 << 10, 512]) {
            const chunk = Buffer.alloc(size);
            for (;;) {
              try {
                writeSync(fd, chunk);
              } catch (error) {
                if ((error as NodeJS.ErrnoException).code === 'ENOSPC') break;
                throw error;
              }
            }
          }
        } finally {
          closeSync(fd);
        }
        if (statfsSync(dir).bavail !== 0) throw new Error(`${dir} still has space after filling`);
      },
      free() {
        rmSync(filler, { force: true });
      },
      readOnly(on) {
        mount('-o', `remount,${on ? 'ro' : 'rw'}`, dir);
      },
    };
  };
}
