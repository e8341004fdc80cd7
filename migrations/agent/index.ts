import { initial } from './0001-initial.js';

/** Migrations in order; listed in code so that they travel inside the bundle. */
export const agentMigrations = { '0001-initial': initial };
