// `npm run bench`: prints a table of figures. React must load its production build, as `quai` does.
process.env.NODE_ENV = 'production';
// the benchmark's terminal is a stand-in TTY: Ink must render live frames even under CI
delete process.env.CI;
delete process.env.CONTINUOUS_INTEGRATION;

const { benchPickLatency } = await import('./pick-latency.js');
const { benchGs1 } = await import('./gs1-throughput.js');
const { benchDevices } = await import('./device-latency.js');
const { benchDrain } = await import('./drain-throughput.js');
const { benchTravel } = await import('./travel.js');
const rows = [...(await benchPickLatency()), ...(await benchDrain()), ...benchGs1(), ...(await benchDevices()), ...benchTravel()];
rows.push(...(await (await import('./cold-start.js')).benchColdStart()));

const width = Math.max(...rows.map((r) => r.name.length));
process.stdout.write(`\n${'benchmark'.padEnd(width)}  ${'value'.padStart(10)}  goal\n`);
for (const row of rows) process.stdout.write(`${row.name.padEnd(width)}  ${row.value.padStart(10)}  ${row.goal ?? ''}\n`);
