import { describe, expect, it } from 'vitest';
import { clientAddress } from '../client-address';

describe('clientAddress (rightmost-untrusted rule)', () => {
  it('with 0 trusted hops takes the socket address and ignores X-Forwarded-For', () => {
    expect(clientAddress('203.0.113.9', '198.51.100.1', 0)).toBe('203.0.113.9');
    expect(clientAddress('::ffff:203.0.113.9', '198.51.100.1, 10.0.0.1', 0)).toBe('203.0.113.9');
    expect(clientAddress('2001:db8::7', undefined, 0)).toBe('2001:db8::7');
    expect(clientAddress(undefined, '198.51.100.1', 0)).toBeNull();
  });

  it('with 1 trusted hop takes the rightmost entry, never a client-written one left of it', () => {
    expect(clientAddress('10.0.0.2', '1.2.3.4, 203.0.113.9', 1)).toBe('203.0.113.9');
    expect(clientAddress('10.0.0.2', '203.0.113.9', 1)).toBe('203.0.113.9');
    expect(clientAddress('10.0.0.2', ['1.2.3.4', '203.0.113.9'], 1)).toBe('203.0.113.9');
  });

  it('with 2 trusted hops takes the second entry from the right', () => {
    expect(clientAddress('10.0.0.3', 'spoofed, 203.0.113.9, 10.0.0.2', 2)).toBe('203.0.113.9');
    expect(clientAddress('10.0.0.3', '203.0.113.9,10.0.0.2', 2)).toBe('203.0.113.9');
  });

  it('a missing or malformed entry at the trusted position gives null, not a neighbour', () => {
    expect(clientAddress('10.0.0.2', undefined, 1)).toBeNull();
    expect(clientAddress('10.0.0.2', '', 1)).toBeNull();
    expect(clientAddress('10.0.0.3', '203.0.113.9', 2)).toBeNull();
    expect(clientAddress('10.0.0.2', '1.2.3.4, not-an-ip', 1)).toBeNull();
    expect(clientAddress('10.0.0.2', '1.2.3.4, 999.1.1.1', 1)).toBeNull();
    expect(clientAddress('10.0.0.2', '1.2.3.4, , ', 1)).toBe('1.2.3.4'); // empty list items are no entries
  });

  it('accepts a port or brackets on the trusted entry', () => {
    expect(clientAddress('10.0.0.2', '203.0.113.9:51234', 1)).toBe('203.0.113.9');
    expect(clientAddress('10.0.0.2', '[2001:db8::7]:443', 1)).toBe('2001:db8::7');
  });
});
