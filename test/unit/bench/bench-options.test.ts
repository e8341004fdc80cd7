import { InvalidArgumentError } from 'commander';
import { describe, expect, it } from 'vitest';
import { BENCH_PARTS, parseBenchParts } from '../../../bench/bench-parts.js';
import { formatBenchTable } from '../../../bench/bench-table.js';

describe('npm run bench -- --only', () => {
  it('takes a comma-separated list of parts', () => {
    expect([...parseBenchParts('pick, pack,cold')]).toEqual(['pick', 'pack', 'cold']);
    expect([...parseBenchParts('load')]).toEqual(['load']);
  });

  it('refuses an unknown part, naming it and every valid one', () => {
    expect(() => parseBenchParts('pick,floor')).toThrow(InvalidArgumentError);
    expect(() => parseBenchParts('pick,floor')).toThrow(`unknown part(s): floor; valid: ${BENCH_PARTS.join(', ')}`);
    expect(() => parseBenchParts(' , ')).toThrow('unknown part(s): (none)');
  });
});

describe("the bench's table", () => {
  it('puts each figure beside its floor, ratio and goal, with ✔ or ✘ only where a goal is judged', () => {
    const table = formatBenchTable([
      { name: 'pick scan -> screen p99 / floor', value: '30.1 ms', floor: '20.0 ms', ratio: '1.51x', goal: '<= 1.5x', met: false },
      { name: 'drain / raw ceiling', value: '20000/s', floor: '30000/s', ratio: '67 %', goal: '>= 50 %', met: true },
      { name: 'catalog sync 10k', value: '1.7 s', goal: '<= 5 s at 100k' },
      { name: 'agent CPU per scan', value: '3.10 ms' },
    ]).split('\n');
    expect(table[0]).toMatch(/^benchmark +value +floor +ratio +goal +met$/);
    expect(table[1]).toMatch(/^pick scan -> screen p99 \/ floor +30\.1 ms +20\.0 ms +1\.51x +<= 1\.5x +✘$/);
    expect(table[2]).toMatch(/^drain \/ raw ceiling +20000\/s +30000\/s +67 % +>= 50 % +✔$/);
    expect(table[3]).toMatch(/^catalog sync 10k +1\.7 s +<= 5 s at 100k$/);
    expect(table[4]).toMatch(/^agent CPU per scan +3\.10 ms$/);
    // the columns line up: every value ends where the header's ends
    const valueEnd = table[0]!.indexOf('value') + 'value'.length;
    for (const line of table.slice(1)) expect(line.slice(0, valueEnd)).toMatch(/\S$/);
  });
});
