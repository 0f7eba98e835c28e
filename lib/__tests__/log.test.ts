import { afterEach, describe, expect, it, vi } from 'vitest';
import { log } from '../log';

describe('log', () => {
  afterEach(() => vi.restoreAllMocks());

  it('redacts personal data and secrets', () => {
    const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    log.info({ phone: '+491701234567', name: 'Erika', token: 'abc', tenantId: 't1' }, 'decision recorded');
    const line = JSON.parse(String(write.mock.calls[0]![0]));
    expect(line).toMatchObject({ phone: '[redacted]', name: '[redacted]', token: '[redacted]', tenantId: 't1', msg: 'decision recorded' });
    expect(String(write.mock.calls[0]![0])).not.toContain('1701234567');
  });
});
