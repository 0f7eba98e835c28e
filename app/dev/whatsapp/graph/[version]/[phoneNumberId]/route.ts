import { notFound } from '@/lib/errors';
import { route } from '@/lib/http/pipeline';
import { devWhatsappEnabled } from '@/lib/whatsapp/config';
import { simulatorPhoneNumber } from '@/lib/whatsapp/simulator/graph';

export const dynamic = 'force-dynamic';

// GET /dev/whatsapp/graph/<version>/<phone_number_id> – the simulator's stand-in for the phone-number read that
// "test connection" makes over HTTP (WHATSAPP_GRAPH_URL=<APP_URL>/dev/whatsapp/graph); development only.
export const GET = route(async (req, ctx: { params: Promise<{ version: string; phoneNumberId: string }> }) => {
  if (!devWhatsappEnabled()) throw notFound();
  const { phoneNumberId } = await ctx.params;
  const token = (req.headers.get('authorization') ?? '').replace(/^Bearer\s+/i, '');
  const [status, json] = await simulatorPhoneNumber(phoneNumberId, token);
  return Response.json(json, { status });
});
