import { initial } from './0001-initial.js';

export const hubMigrations = { '0001-initial': initial };
