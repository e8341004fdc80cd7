import { benchSize } from './bench-size.js';
import type { BenchSite } from './bench-site.js';
import type { BenchRow } from './percentiles.js';
import { processMemory } from './process-memory.js';

/** A goal set for the 100k catalog: judged only at that size, said so otherwise. */
function sizeBoundGoal(goal: string, met: boolean): Pick<BenchRow, 'goal' | 'met'> {
  return benchSize.isGoalSize ? { goal, met } : { goal: `${goal} at 100k` };
}

/** `catalog sync 100k` (goal <= 5 s) and the agent's RSS right after it (call at once after the site started). */
export function catalogSyncRows(site: BenchSite): BenchRow[] {
  return [
    { name: `catalog sync ${benchSize.label}`, value: `${site.syncSeconds.toFixed(1)} s`, ...sizeBoundGoal('<= 5 s', site.syncSeconds <= 5) },
    { name: `agent RSS after ${benchSize.label} sync`, value: `${processMemory(site.agent.child.pid!).rssMb} MB` },
  ];
}

/** `agent RSS after 100k sync + scans`: the agent process's peak RSS (VmHWM) so far, MB, goal <= 150 MB. */
export function agentPeakRssRow(site: BenchSite, scans: number): BenchRow {
  const { peakMb } = processMemory(site.agent.child.pid!);
  return { name: `agent RSS after ${benchSize.label} sync + scans`, value: `${peakMb} MB (${scans} timed scans)`, ...sizeBoundGoal('<= 150 MB', peakMb <= 150) };
}
