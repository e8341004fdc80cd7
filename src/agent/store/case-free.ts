/**
 * `whereRaw(SAME_CODE, [column, value])`: an internal code found whatever its case on either side
 * (the ERP's `Carton M`, typed `CARTON M`). Served by the expression indexes of agent migration
 * 0009; the database's own upper() on both sides, so SQLite and PostgreSQL each agree with themselves.
 */
export const SAME_CODE = 'upper(??) = upper(?)';
