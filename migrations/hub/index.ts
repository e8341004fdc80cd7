import { initial } from './0001-initial.js';
import { packing } from './0002-packing.js';

export const hubMigrations = { '0001-initial': initial, '0002-packing': packing };
