import 'server-only';
import { eq } from 'drizzle-orm';
import { tenants } from '@/db/schema';
import type { Tx } from '@/db';
import { DEFAULT_LEGAL_BASIS, defaultPurpose, type DraftFields } from './schemas';

/** The stored text of a draft: empty purpose and legal basis become the defaults (purpose names the company). */
export async function resolveDraftText(tx: Tx, tenantId: string, input: DraftFields) {
  let purpose = input.purpose;
  if (!purpose) {
    const [tenant] = await tx.select({ name: tenants.name }).from(tenants).where(eq(tenants.id, tenantId));
    purpose = defaultPurpose(tenant?.name ?? '', input.language);
  }
  return {
    language: input.language,
    title: input.title,
    body: input.body,
    purpose,
    legalBasis: input.legalBasis || DEFAULT_LEGAL_BASIS,
  };
}
