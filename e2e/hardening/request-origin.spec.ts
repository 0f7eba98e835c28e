import { randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { uniqueEmail } from '../fixtures/auth';
import { createAndCopyLink, publishNotice } from '../fixtures/consent';
import { ownerWithTenant } from '../fixtures/team';

// Issue #11: request origin trust. The server runs with APP_URL=http://localhost:<port> (playwright.config.ts) and no
// AUTH_URL, as the README's configuration asks; nothing a client writes into Host, X-Forwarded-Host or
// X-Forwarded-For may choose a mailed link's host, a rate-limit key or the address in the ledger.

type Mail = { to: string; subject: string; text: string; html: string };
const outboxDir = () => path.join(process.env.E2E_DATA_DIR ?? '.data-e2e', 'outbox');

async function allMails(): Promise<Mail[]> {
  const files = (await readdir(outboxDir()).catch(() => [] as string[])).filter((f) => f.endsWith('.json'));
  return Promise.all(files.map(async (f) => JSON.parse(await readFile(path.join(outboxDir(), f), 'utf8')) as Mail));
}
const mailsTo = async (to: string) => (await allMails()).filter((m) => m.to === to);
const linksIn = (m: Mail) => [...(m.text + ' ' + m.html).matchAll(/https?:\/\/[^\s<>"'\]]+/g)].map((x) => x[0]);

/** A raw HTTP request (Playwright's client will not send a foreign Host header). */
function raw(base: string, p: { method: string; path: string; headers: Record<string, string>; body?: Buffer | string }): Promise<{ status: number; headers: http.IncomingHttpHeaders }> {
  const url = new URL(p.path, base);
  return new Promise((resolve, reject) => {
    const req = http.request({ hostname: url.hostname, port: url.port, path: url.pathname + url.search, method: p.method, headers: p.headers }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
    });
    req.on('error', reject);
    if (p.body) req.write(p.body);
    req.end();
  });
}

test('a foreign Host or X-Forwarded-Host never puts its host into a magic link', async ({ browser, request, baseURL }) => {
  const app = new URL(baseURL!);
  // The sign-in server action as the browser sends it (no JavaScript: a plain form POST), captured, then replayed
  // the way an attacker would: without Origin, with a foreign host.
  const page = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
  let captured: { headers: Record<string, string>; body: Buffer } | undefined;
  await page.route('**/signin**', async (route) => {
    if (route.request().method() !== 'POST') return route.continue();
    captured = { headers: route.request().headers(), body: route.request().postDataBuffer()! };
    await route.abort();
  });
  const template = uniqueEmail('takeover');
  await page.goto('/signin');
  await page.getByLabel('E-Mail-Adresse').fill(template);
  await page.getByRole('button', { name: 'Anmeldelink senden' }).click().catch(() => {});
  await expect.poll(() => captured !== undefined).toBe(true);
  const actionHeaders = { 'content-type': captured!.headers['content-type']!, ...(captured!.headers['next-action'] ? { 'next-action': captured!.headers['next-action'] } : {}) };
  const actionBody = (email: string) => Buffer.from(captured!.body.toString('latin1').replace(template, email), 'latin1');

  // The Auth.js route: CSRF token and cookie from a normal request, then the POST with a foreign host.
  const csrf = await request.get('/api/auth/csrf');
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookie = csrf.headers()['set-cookie']!.split('\n').map((c) => c.split(';')[0]).join('; ');
  const routeBody = (email: string) => new URLSearchParams({ email, csrfToken, callbackUrl: '/dashboard' }).toString();

  const foreign: { name: string; headers: Record<string, string> }[] = [
    { name: 'X-Forwarded-Host', headers: { host: app.host, 'x-forwarded-host': 'evil.example' } },
    { name: 'Host', headers: { host: 'evil.example' } },
    { name: 'Host with port', headers: { host: 'evil.example:' + app.port } },
  ];
  const attempts: { email: string; status: number; what: string }[] = [];
  for (const f of foreign) {
    const viaAction = uniqueEmail('victim-action');
    const a = await raw(baseURL!, { method: 'POST', path: '/signin', headers: { ...actionHeaders, ...f.headers }, body: actionBody(viaAction) });
    attempts.push({ email: viaAction, status: a.status, what: `server action, ${f.name}` });
    const viaRoute = uniqueEmail('victim-route');
    const r = await raw(baseURL!, {
      method: 'POST',
      path: '/api/auth/signin/resend',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie, ...f.headers },
      body: routeBody(viaRoute),
    });
    attempts.push({ email: viaRoute, status: r.status, what: `Auth.js route, ${f.name}` });
  }
  // Control: the same replays with the right host do send a mail (so a refusal above is not a broken replay).
  const controlAction = uniqueEmail('control-action');
  const ok1 = await raw(baseURL!, { method: 'POST', path: '/signin', headers: { ...actionHeaders, host: app.host }, body: actionBody(controlAction) });
  const controlRoute = uniqueEmail('control-route');
  const ok2 = await raw(baseURL!, { method: 'POST', path: '/api/auth/signin/resend', headers: { 'content-type': 'application/x-www-form-urlencoded', cookie, host: app.host }, body: routeBody(controlRoute) });
  expect(ok1.status, 'control: server action').toBeLessThan(400);
  expect(ok2.status, 'control: Auth.js route').toBeLessThan(400);
  for (const control of [controlAction, controlRoute]) {
    await expect.poll(async () => (await mailsTo(control)).length, { timeout: 15_000, message: `control mail to ${control}` }).toBe(1);
    const [mail] = await mailsTo(control);
    expect(linksIn(mail!).some((l) => l.startsWith(`${app.origin}/api/auth/callback/resend?`))).toBe(true);
  }

  // Let the mail worker deliver anything the foreign requests queued (it has delivered the controls, sent after them).
  await new Promise((r) => setTimeout(r, 1500));
  for (const a of attempts) {
    const mails = await mailsTo(a.email);
    for (const m of mails) {
      for (const link of linksIn(m)) expect(link.startsWith(app.origin + '/'), `${a.what}: ${link.replace(/token=[^&]+/, 'token=…')}`).toBe(true);
    }
    // Refused (421 Misdirected Request), or answered with a mail that points at APP_URL.
    expect([400, 421].includes(a.status) || mails.length > 0, `${a.what}: status ${a.status}, ${mails.length} mails`).toBe(true);
  }
  expect((await allMails()).filter((m) => (m.text + m.html).includes('evil.example')), 'mails naming evil.example').toHaveLength(0);
});

test('production refuses requests for a foreign host on every route', async ({ baseURL }) => {
  const app = new URL(baseURL!);
  for (const p of ['/signin', '/', '/api/auth/csrf', '/dev/outbox', '/verify/' + '0'.repeat(64)]) {
    expect((await raw(baseURL!, { method: 'GET', path: p, headers: { host: 'evil.example' } })).status, p).toBe(421);
    expect((await raw(baseURL!, { method: 'GET', path: p, headers: { host: app.host, 'x-forwarded-host': 'evil.example' } })).status, p).toBe(421);
  }
  // The configured host passes, and so does localhost's default-port spelling of itself only where it is the same host.
  expect((await raw(baseURL!, { method: 'GET', path: '/signin', headers: { host: app.host } })).status).toBe(200);
  expect((await raw(baseURL!, { method: 'GET', path: '/signin', headers: { host: app.host, 'x-forwarded-host': app.host } })).status).toBe(200);
});

test('rotating X-Forwarded-For neither escapes the per-address limit nor writes a spoofed address into the ledger', async ({ browser }) => {
  const { page: owner } = await ownerWithTenant(browser, 'Firma XFF');
  await owner.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await publishNotice(owner);
  const link = new URL(await createAndCopyLink(owner, 'Spoof-Test'));
  const [, , slug, token] = link.pathname.split('/');
  // The limit counts per clock minute (CONSENT_RATE_LIMIT_IP, 20 by default): keep all requests in one minute.
  if (new Date().getSeconds() > 40) await new Promise((r) => setTimeout(r, (61 - new Date().getSeconds()) * 1000));
  const limit = Number(process.env.CONSENT_RATE_LIMIT_IP ?? 20);
  const statuses: number[] = [];
  for (let i = 0; i < limit + 5; i++) {
    const res = await owner.request.post(`/api/public/consent/${slug}/${token}`, {
      headers: { 'content-type': 'application/json', 'x-forwarded-for': `198.51.${100 + (i % 50)}.${i + 1}`, 'x-einw-client-ip': '203.0.113.77' },
      data: { decision: 'opt_out', idempotencyKey: randomUUID() },
    });
    statuses.push(res.status());
  }
  expect(statuses.filter((s) => s === 429).length, `statuses ${statuses.join(',')}`).toBeGreaterThanOrEqual(5);
  expect(statuses.filter((s) => s === 201).length).toBeGreaterThan(0);

  const csv = await (await owner.request.get('/dashboard/ledger/export.csv')).text();
  const [head, ...rows] = csv.trim().split(/\r?\n/);
  const col = head!.split(/[;,]/).indexOf('ip_truncated');
  expect(col).toBeGreaterThanOrEqual(0);
  const ips = new Set(rows.map((r) => r.split(/[;,]/)[col]!.replace(/"/g, '')));
  expect(rows.length).toBeGreaterThan(0);
  // The socket's address (this machine), truncated: 127.0.0.0 or ::1's "0:0:0::"; never the spoofed ones.
  for (const ip of ips) expect(['127.0.0.0', '0:0:0::'], `ledger address ${ip}`).toContain(ip);
});

test('sign-in mails are limited per address, and the answer is the same page either way', async ({ browser }) => {
  const limit = Number(process.env.SIGNIN_RATE_LIMIT_EMAIL ?? 5);
  const email = uniqueEmail('flood');
  const page = await (await browser.newContext()).newPage();
  for (let i = 0; i < limit + 2; i++) {
    await page.goto('/signin');
    await page.getByLabel('E-Mail-Adresse').fill(email);
    await page.getByRole('button', { name: 'Anmeldelink senden' }).click();
    await expect(page.getByRole('heading', { name: 'Prüfen Sie Ihr Postfach' }), `request ${i + 1}`).toBeVisible();
  }
  await expect.poll(async () => (await mailsTo(email)).length, { timeout: 15_000 }).toBeGreaterThanOrEqual(limit);
  await new Promise((r) => setTimeout(r, 2000));
  expect((await mailsTo(email)).length).toBe(limit);
});
