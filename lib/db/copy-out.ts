import type { Tx } from '@/db';

type PostgresJsClient = { unsafe: (query: string) => { readable: () => Promise<import('node:stream').Readable> } };
type PgliteClient = { query: (query: string, params: unknown[], opts: { rowMode: 'array' }) => Promise<{ rows: unknown[][] }> };

/**
 * The result of `query` as PostgreSQL's COPY text format (tab-separated, `\N` for NULL, one line per row), in the
 * caller's transaction, on either driver: the bytes as they come, for a hot path that reads rows without an object
 * or a string per column (lib/ledger/audit-rows.ts). COPY takes no parameters: `query` must be complete and safe.
 * postgres.js sends COPY as a simple query (no prepared statement, whatever db/prepared-client.ts says).
 */
export async function copyOut(tx: Tx, query: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  await copyOutChunks(tx, query, (chunk) => chunks.push(chunk));
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
}

/**
 * The same, handed over as it arrives: `onLines` gets buffers of whole lines, in order (memory stays at one chunk
 * however many rows there are).
 */
export async function copyOutLines(tx: Tx, query: string, onLines: (lines: Buffer) => void): Promise<void> {
  let rest: Buffer | null = null;
  await copyOutChunks(tx, query, (chunk) => {
    const data: Buffer = rest ? Buffer.concat([rest, chunk]) : chunk;
    const end = data.lastIndexOf(0x0a) + 1;
    rest = end < data.length ? data.subarray(end) : null;
    if (end > 0) onLines(end === data.length ? data : data.subarray(0, end));
  });
  if (rest) throw new Error('copyOutLines: the COPY text ended without a newline');
}

/** Whether the transaction is on postgres.js (a server: other connections can work beside it) rather than PGlite. */
export function onServer(tx: Tx): boolean {
  return 'unsafe' in clientOf(tx);
}

const clientOf = (tx: Tx) => (tx as unknown as { session: { client: PostgresJsClient | PgliteClient } }).session.client;

async function copyOutChunks(tx: Tx, query: string, onChunk: (chunk: Buffer) => void): Promise<void> {
  const client = clientOf(tx);
  if ('unsafe' in client) {
    // postgres.js hands over one chunk per row (CopyData): taken with 'data' events (async iteration costs ~20 µs a row).
    // It pauses its socket when a push finds the stream full and resumes it only from the stream's read(): when the
    // whole COPY arrived before 'data' was attached, the last push paused it and nothing reads after the end — the
    // connection hangs (seen with 37-row batches). Calling read() once more after the end resumes it.
    const stream = await client.unsafe(`copy (${query}) to stdout`).readable();
    const resume = () => (stream as unknown as { _read: (n: number) => void })._read(0);
    await new Promise<void>((resolve, reject) => {
      stream.on('data', onChunk);
      stream.once('end', () => {
        resume();
        resolve();
      });
      stream.once('error', (e) => {
        resume();
        reject(e);
      });
    });
    return;
  }
  // PGlite: COPY to its /dev/blob needs a superuser, and the tenant role is not one. The rows are written out as
  // COPY text here instead, as PostgreSQL writes them (the PostgreSQL path is the one that must be fast).
  const { rows } = await client.query(query, [], { rowMode: 'array' });
  let text = '';
  for (const row of rows) text += row.map(copyText).join('\t') + '\n';
  if (text) onChunk(Buffer.from(text, 'utf8'));
}

const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\v': '\\v' };

/** One value in COPY text format: NULL as \N, booleans as t/f, backslash and the controls b f n r t v escaped. */
export function copyText(v: unknown): string {
  if (v === null || v === undefined) return '\\N';
  if (typeof v === 'boolean') return v ? 't' : 'f';
  if (typeof v === 'number' || typeof v === 'bigint') return String(v);
  if (typeof v !== 'string') throw new TypeError(`copyText: unsupported value ${typeof v}`);
  return v.replace(/[\\\b\f\n\r\t\v]/g, (c) => COPY_ESCAPES[c]!);
}
