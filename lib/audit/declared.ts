import 'server-only';
import type { Tx } from '@/db';
import { recordAudit } from './record-audit';

/**
 * An audit row declared by a dashboard action or route (lib/http/pipeline.ts): the action name, and optionally the
 * target and details taken from the parsed input and the handler's result. The pipeline writes it in the handler's
 * transaction, after the handler succeeded, so a refused or failed request leaves no row.
 */
export type AuditSpec<I, T> =
  | string
  | {
      action: string;
      target?: (input: I, result: T) => { type: string; id: string } | undefined;
      details?: (input: I, result: T) => Record<string, unknown> | undefined;
    };

/** Writes the declared audit row of a member's request in `tx`. */
export async function recordDeclaredAudit<I, T>(
  tx: Tx,
  actor: { tenantId: string; userId: string },
  spec: AuditSpec<I, T>,
  input: I,
  result: T,
): Promise<void> {
  const s = typeof spec === 'string' ? { action: spec } : spec;
  const target = s.target?.(input, result);
  await recordAudit(tx, {
    tenantId: actor.tenantId,
    actorUserId: actor.userId,
    action: s.action,
    targetType: target?.type,
    targetId: target?.id,
    details: s.details?.(input, result),
  });
}
