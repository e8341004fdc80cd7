/** Tests and benchmarks drive the agent as `quai load` does. */
export { ScriptedTerminal as TerminalClient, pickWholeOrder } from '../../src/commands/scripted-terminal.js';
export { pickWholeBatch, toteLabel } from './batch-walk.js';
