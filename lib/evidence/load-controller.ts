import 'server-only';
import { eq } from 'drizzle-orm';
import { tenants } from '@/db/schema';
import type { Tx } from '@/db';
import { DomainError } from '@/lib/errors';
import type { EvidenceController } from './types';

/** The tenant's controller details for a receipt or report. */
export async function loadController(tx: Tx, tenantId: string): Promise<EvidenceController> {
  const [t] = await tx
    .select({
      name: tenants.name,
      legalName: tenants.legalName,
      address: tenants.address,
      representative: tenants.controllerRepresentative,
      dpoName: tenants.dpoName,
      dpoEmail: tenants.dpoEmail,
      evidenceEmail: tenants.evidenceEmail,
      contactPhone: tenants.contactPhone,
      impressumUrl: tenants.impressumUrl,
    })
    .from(tenants)
    .where(eq(tenants.id, tenantId));
  if (!t) throw new DomainError('notFound', 404);
  return t;
}
