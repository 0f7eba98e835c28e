'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { actionError, failure, formObject, type ActionState } from '@/lib/auth/action';
import { appUrl } from '@/lib/config';
import { retryOnIdempotencyRace } from '@/lib/consent/append-event';
import { contactToken } from '@/lib/consent/contact-state';
import { findContactByToken } from '@/lib/consent/find-contact';
import { withinIpRateLimit, withinLinkRateLimit } from '@/lib/consent/rate-limits';
import { decisionSchema, personalActionSchema } from '@/lib/consent/schemas';
import { submitDecision } from '@/lib/consent/submit-decision';
import { confirmConsent, withdrawConsent } from '@/lib/consent/withdraw';
import { withSystem, withTenant } from '@/lib/db/with-tenant';
import { requestInfo } from '@/lib/http/request-info';
import { kickMailWorker } from '@/lib/mail/worker';
import { fieldErrorsOf } from '@/lib/validation';

const routeParams = z.object({ slug: z.string().max(64), token: z.string().max(64) });

async function withinIpLimit(scope: string): Promise<boolean> {
  return withinIpRateLimit(scope, (await requestInfo()).rawIp);
}

// POST /c/[tenant]/[token] – record a decision (opt-in or refusal), then show the contact's personal page.
export async function submitDecisionAction(slug: string, token: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  const route = routeParams.safeParse({ slug, token });
  if (!route.success) return failure(formData, 'linkNotFound');
  if (!(await withinIpLimit('consent'))) return failure(formData, 'rateLimited');
  const parsed = decisionSchema.safeParse(formObject(formData));
  if (!parsed.success) return failure(formData, 'validation', fieldErrorsOf(parsed.error));
  // The link's limit counts well-formed submissions only (see lib/consent/rate-limits.ts).
  if (!(await withinLinkRateLimit('consent', token))) return failure(formData, 'rateLimited');
  const info = await requestInfo();
  let result: Awaited<ReturnType<typeof submitDecision>>;
  try {
    result = await submitDecision({ ...route.data, input: parsed.data, ip: info.ip, userAgent: info.userAgent, baseUrl: appUrl() });
  } catch (err) {
    return actionError(err, formData);
  }
  kickMailWorker();
  redirect(`/c/${result.tenantSlug}/p/${result.contactToken}?done=${result.status}`);
}

type PersonalAction = 'withdraw' | 'confirm';

async function personalAction(kind: PersonalAction, slug: string, token: string, formData: FormData): Promise<ActionState> {
  const route = routeParams.safeParse({ slug, token });
  if (!route.success) return failure(formData, 'notFound');
  if (!(await withinIpLimit(kind))) return failure(formData, 'rateLimited');
  const parsed = personalActionSchema.safeParse(formObject(formData));
  if (!parsed.success) return failure(formData, 'validation', fieldErrorsOf(parsed.error));
  if (!(await withinLinkRateLimit(kind, token))) return failure(formData, 'rateLimited');
  const info = await requestInfo();
  let contactSlug: string;
  let done: string;
  try {
    const found = await withSystem((tx) => findContactByToken(tx, route.data.slug, route.data.token, kind === 'withdraw' ? 'contact' : 'confirm'));
    const change = { tenantId: found.tenant.id, contactId: found.contact.id, idempotencyKey: parsed.data.idempotencyKey, language: parsed.data.locale, ip: info.ip, userAgent: info.userAgent };
    await retryOnIdempotencyRace(() => withTenant(found.tenant.id, (tx) => (kind === 'withdraw' ? withdrawConsent(tx, change) : confirmConsent(tx, change))));
    contactSlug = found.tenant.slug;
    done = kind === 'withdraw' ? 'withdrawn' : 'confirmed';
    token = kind === 'withdraw' ? token : contactToken(found.contact.id);
  } catch (err) {
    return actionError(err, formData);
  }
  redirect(`/c/${contactSlug}/p/${token}?done=${done}`);
}

// POST /c/[tenant]/p/[token] – the contact withdraws their consent through their personal link.
export async function withdrawAction(slug: string, token: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  return personalAction('withdraw', slug, token, formData);
}

// POST /c/[tenant]/confirm/[token] – double opt-in: the contact confirms the consent given.
export async function confirmAction(slug: string, token: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  return personalAction('confirm', slug, token, formData);
}
