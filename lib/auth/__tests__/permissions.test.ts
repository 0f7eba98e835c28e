import { describe, expect, it } from 'vitest';
import { assignableRoles, can, PERMISSIONS, ROLES } from '../permissions';

describe('permissions', () => {
  it('keeps the ledger away from sales and notices editing away from the DPO', () => {
    expect(can('sales', 'ledger.read')).toBe(false);
    expect(can('sales', 'links.create')).toBe(true);
    expect(can('dpo', 'ledger.read')).toBe(true);
    expect(can('dpo', 'proofs.download')).toBe(true);
    expect(can('dpo', 'notices.edit')).toBe(false);
  });

  it('gives owner and admin every permission but owner-only role assignment', () => {
    for (const p of Object.keys(PERMISSIONS) as (keyof typeof PERMISSIONS)[]) {
      expect(can('owner', p)).toBe(true);
      expect(can('admin', p)).toBe(true);
    }
    expect(assignableRoles('admin')).not.toContain('owner');
    expect(assignableRoles('owner')).toEqual([...ROLES]);
    expect(assignableRoles('sales')).toEqual([]);
    expect(assignableRoles('dpo')).toEqual([]);
  });
});
