/** 'CASD' in the SQLite header: marks a database file as Cassetto Desk's (set by the first migration). */
export const APPLICATION_ID = 0x43415344;
