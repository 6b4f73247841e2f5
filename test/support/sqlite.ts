// Tests open the hub's SQLite file read-only to check what is (and is not) stored.
import Database from 'better-sqlite3';

export { Database };
