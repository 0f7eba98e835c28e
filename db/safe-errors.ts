import { PgPreparedQuery } from 'drizzle-orm/pg-core';

/**
 * Why this exists: drizzle wraps every failed statement in a DrizzleQueryError whose message is
 * "Failed query: <sql>\nparams: <every parameter>", and keeps the driver's error as `cause` — PGlite's carries the
 * parameters again (`params`), and PostgreSQL's messages quote the offending input (`invalid input syntax for type
 * uuid: "…"`). An uncaught one reaches Next's error log, which prints message, cause and their fields: a contact's
 * name, phone and token hash in the server log. So every query error leaves the database layer as a DatabaseError
 * that keeps what is needed to react to it and debug it (SQLSTATE, constraint, table, column, the SQL text with its
 * $n placeholders) and nothing of the values.
 */
export class DatabaseError extends Error {
  readonly code: string | undefined;
  readonly constraint: string | undefined;
  readonly table: string | undefined;
  readonly column: string | undefined;
  /** The statement with $1, $2 … placeholders, never its parameters. */
  readonly query: string | undefined;

  constructor(message: string, fields: { code?: string; constraint?: string; table?: string; column?: string; query?: string }, cause?: Error) {
    super(message, cause ? { cause } : undefined);
    this.name = 'DatabaseError';
    this.code = fields.code;
    this.constraint = fields.constraint;
    this.table = fields.table;
    this.column = fields.column;
    this.query = fields.query;
  }
}

type DriverError = { message?: unknown; code?: unknown; constraint?: unknown; constraint_name?: unknown; table?: unknown; table_name?: unknown; column?: unknown; column_name?: unknown };

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/**
 * The driver's message without input values. Data exceptions (SQLSTATE class 22) quote the value they refused
 * (`invalid input syntax for type uuid: "…"`, `invalid input value for enum x: "…"`), so their quoted parts go; the
 * other classes name only schema objects (constraint, column, relation) and our own trigger texts.
 */
export function redactDriverMessage(message: string, code: string | undefined): string {
  if (code !== undefined && !code.startsWith('22')) return message;
  return message.replace(/"(?:[^"\\]|\\.)*"/g, '"…"');
}

/** Turns anything a failed query threw into a DatabaseError free of parameter values (see the class comment). */
export function toSafeDatabaseError(err: unknown, query?: string): Error {
  if (err instanceof DatabaseError) return err;
  const driver = ((err as { cause?: unknown })?.cause ?? err) as DriverError | null;
  const code = str(driver?.code);
  const fields = {
    code,
    constraint: str(driver?.constraint) ?? str(driver?.constraint_name),
    table: str(driver?.table) ?? str(driver?.table_name),
    column: str(driver?.column) ?? str(driver?.column_name),
    query: query ?? str((err as { query?: unknown })?.query),
  };
  const driverMessage = redactDriverMessage(str(driver?.message) ?? 'unknown database error', code);
  // The cause keeps the driver's (redacted) message where callers and tests look for it (err.cause.message).
  const cause = new DatabaseError(driverMessage, { ...fields, query: undefined });
  return new DatabaseError(`${driverMessage}${code ? ` (SQLSTATE ${code})` : ''}${fields.query ? `\nquery: ${fields.query}` : ''}`, fields, cause);
}

const PATCHED = Symbol.for('einwilligung.safeDatabaseErrors');

/**
 * Installs the sanitising once per process, on drizzle's PgPreparedQuery — the one path every statement of both
 * drivers (PGlite, postgres.js), in and outside transactions, goes through. Called where the client is created.
 */
export function installSafeDatabaseErrors(): void {
  const proto = PgPreparedQuery.prototype as unknown as Record<string | symbol, unknown>;
  if (proto[PATCHED]) return;
  const original = proto.queryWithCache as (queryString: string, params: unknown[], query: () => Promise<unknown>) => Promise<unknown>;
  proto.queryWithCache = async function (this: unknown, queryString: string, params: unknown[], query: () => Promise<unknown>) {
    try {
      return await original.call(this, queryString, params, query);
    } catch (err) {
      throw toSafeDatabaseError(err, queryString);
    }
  };
  proto[PATCHED] = true;
}
