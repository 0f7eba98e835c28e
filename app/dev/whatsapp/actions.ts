'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { devWhatsappEnabled } from '@/lib/whatsapp/config';
import { simulateInbound } from '@/lib/whatsapp/simulator/inbound';
import { listSim, setFailure } from '@/lib/whatsapp/simulator/store';

const base = z.object({ phoneNumberId: z.string().trim().min(1).max(64), from: z.string().trim().regex(/^\+?\d{6,15}$/).transform((s) => s.replace(/^\+/, '')) });
const message = base.extend({
  text: z.string().trim().min(1).max(4096),
  duplicate: z.literal('on').optional(),
  batch: z.literal('on').optional(),
  button: z.literal('on').optional(),
});

const back = (q: Record<string, string>) => redirect(`/dev/whatsapp?${new URLSearchParams(q)}`);

// POST (server action) /dev/whatsapp – write as a contact: a correctly signed webhook to the app (development only).
export async function sendAsContact(form: FormData) {
  if (!devWhatsappEnabled()) return back({ error: 'off' });
  const p = message.safeParse(Object.fromEntries(form));
  if (!p.success) return back({ error: 'invalid' });
  const d = p.data;
  const last = d.batch ? listSim().find((m) => m.direction === 'to_contact' && m.waId === d.from && m.phoneNumberId === d.phoneNumberId && m.id) : undefined;
  const statuses = await simulateInbound({ phoneNumberId: d.phoneNumberId, from: d.from, text: d.text, button: !!d.button, times: d.duplicate ? 2 : 1, withStatusOf: last?.id ?? null });
  back({ posted: statuses.join(','), from: d.from });
}

// POST (server action) /dev/whatsapp – a user_preferences webhook (marketing stop / resume).
export async function sendPreference(form: FormData) {
  if (!devWhatsappEnabled()) return back({ error: 'off' });
  const p = base.extend({ value: z.enum(['stop', 'resume']) }).safeParse(Object.fromEntries(form));
  if (!p.success) return back({ error: 'invalid' });
  const statuses = await simulateInbound({ phoneNumberId: p.data.phoneNumberId, from: p.data.from, preference: p.data.value });
  back({ posted: statuses.join(','), from: p.data.from });
}

// POST (server action) /dev/whatsapp – the next send to a number fails with a Cloud API error code.
export async function setSendFailure(form: FormData) {
  if (!devWhatsappEnabled()) return back({ error: 'off' });
  const p = z.object({ from: base.shape.from, code: z.enum(['none', '131047', '131050', '131026']) }).safeParse(Object.fromEntries(form));
  if (!p.success) return back({ error: 'invalid' });
  setFailure(p.data.from, p.data.code === 'none' ? null : Number(p.data.code));
  back({ from: p.data.from });
}
