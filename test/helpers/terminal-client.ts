/** Tests and benchmarks drive the agent as `quai load` does. */
export { ScriptedTerminal as TerminalClient, pickWholeBatch, pickWholeOrder, toteLabel } from '../../src/commands/scripted-terminal.js';
