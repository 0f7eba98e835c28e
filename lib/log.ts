/**
 * Minimal structured logger (JSON lines on stdout/stderr). Known personal-data and secret keys are redacted, so a
 * careless `log.info({ phone })` cannot leak a number into the server log.
 */
const REDACT = new Set(['phone', 'phoneE164', 'name', 'email', 'token', 'url', 'ip', 'userAgent', 'password', 'secret']);

function clean(fields: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields)) out[k] = REDACT.has(k) ? '[redacted]' : v;
  return out;
}

function write(level: 'info' | 'warn' | 'error', fields: Record<string, unknown>, msg: string) {
  if (process.env.LOG_LEVEL === 'silent') return;
  const line = JSON.stringify({ level, time: new Date().toISOString(), msg, ...clean(fields) });
  (level === 'info' ? process.stdout : process.stderr).write(line + '\n');
}

export const log = {
  info: (fields: Record<string, unknown>, msg: string) => write('info', fields, msg),
  warn: (fields: Record<string, unknown>, msg: string) => write('warn', fields, msg),
  error: (fields: Record<string, unknown>, msg: string) => write('error', fields, msg),
};
