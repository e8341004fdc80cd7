// quai-local/1's names of the link itself, apart from its schemas: a terminal opens the link
// before it loads zod (src/tui/agent-link.ts).

/** quai-local/1: the TUI (or any terminal client) <-> agent link on loopback. */
export const LOCAL_SUBPROTOCOL = 'quai-local.1';

/** WebSocket close codes the TUI explains to the operator. */
export const CLOSE_UNAUTHORIZED = 4401;
