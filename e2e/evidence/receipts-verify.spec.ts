import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { parseSignerKey } from '../../lib/ledger/tlog/note';
import { contactOptsIn, createAndCopyLink, publishNotice } from '../fixtures/consent';
import { waitForMail } from '../fixtures/outbox';
import { inviteAndJoin, ownerWithTenant } from '../fixtures/team';

// Issue #16: every receipt mailed during a consent flow (opt-in, its confirmation, the withdrawal; to the company's
// evidence address and to the contact) carries a proof that the standalone offline verifier accepts with the
// published key (exit 0); the public /verify page accepts the same file; the pages say "sealed in checkpoint N".

const run = promisify(execFile);
const dataDir = () => process.env.E2E_DATA_DIR ?? '.data-e2e';
type StoredMail = { to: string; subject: string; createdAt: string; attachments?: { filename: string; contentType: string; contentBase64: string }[] };

/**
 * The published verifier key(s): from the well-known endpoint when the server has it, else the development key the
 * server generated into its data directory (its public half).
 */
async function publishedKeys(page: Page): Promise<string[]> {
  const res = await page.context().request.get('/.well-known/einwilligung-ledger-keys');
  const found = res.ok() ? ((await res.text()).match(/[A-Za-z0-9.:_-]+\+[0-9a-f]{8}\+[A-Za-z0-9+/]{43}=/g) ?? []) : [];
  if (found.length) return [...new Set(found)];
  return [parseSignerKey((await readFile(path.join(dataDir(), 'ledger-signing-key'), 'utf8')).trim()).vkey];
}

/** The receipt JSON attachments of the mails written since `since` (the suite runs one test at a time). */
async function mailedReceipts(since: number): Promise<{ to: string; filename: string; json: string }[]> {
  const dir = path.join(dataDir(), 'outbox');
  const out: { to: string; filename: string; json: string }[] = [];
  for (const f of (await readdir(dir)).filter((x) => x.endsWith('.json'))) {
    const mail = JSON.parse(await readFile(path.join(dir, f), 'utf8')) as StoredMail;
    if (Date.parse(mail.createdAt) < since) continue;
    for (const a of mail.attachments ?? []) {
      if (a.filename.endsWith('.json')) out.push({ to: mail.to, filename: a.filename, json: Buffer.from(a.contentBase64, 'base64').toString('utf8') });
    }
  }
  return out;
}

async function contactWithdraws(browser: Browser, personalLink: string) {
  const page = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
  await page.goto(new URL(personalLink).pathname);
  await page.getByRole('button', { name: 'Einwilligung widerrufen' }).click();
  await expect(page.getByTestId('contact-status')).toHaveText('Sie haben Ihre Einwilligung widerrufen');
  return page;
}

test('every mailed receipt verifies with the offline verifier and on /verify', async ({ browser }) => {
  test.setTimeout(180_000);
  const since = Date.now();
  const { page: owner, slug } = await ownerWithTenant(browser);
  const evidenceEmail = `nachweise-${slug}@example.com`;
  await owner.goto('/dashboard/settings');
  await owner.getByLabel('E-Mail für Nachweise').fill(evidenceEmail);
  await owner.getByRole('button', { name: 'Speichern' }).first().click();
  await expect(owner.getByText('Unternehmensdaten gespeichert.')).toBeVisible();
  await publishNotice(owner);
  const sales = await inviteAndJoin(owner, browser, 'sales', { permissions: ['clipboard-read', 'clipboard-write'] });
  const url = await createAndCopyLink(sales, 'Quittungen');
  const personal = await contactOptsIn(browser, url, { name: 'Quinn Quittung', phone: '0173 4567890', js: false });
  await waitForMail(evidenceEmail, /Nachweis: Einwilligung/);
  const contact = await contactWithdraws(browser, personal);
  await waitForMail(evidenceEmail, /Nachweis: Widerruf/);

  // The personal page and the dashboard: each event sealed in a checkpoint (the sequencer runs within milliseconds).
  await expect.poll(async () => (await contact.goto(new URL(personal).pathname), await contact.getByTestId('event-seal').allTextContents())).toEqual(
    expect.arrayContaining([expect.stringMatching(/^\(versiegelt in Checkpoint \d+\)$/)]),
  );
  await expect(contact.getByTestId('event-seal').filter({ hasText: 'erfasst' })).toHaveCount(0);
  await owner.goto('/dashboard/ledger');
  await expect(owner.getByTestId('ledger-seal').first()).toHaveText(/^versiegelt in Checkpoint \d+$/);

  const keys = await publishedKeys(owner);
  const receipts = await mailedReceipts(since);
  // Opt-in, confirmation and withdrawal, each to the evidence address and as the contact's copy.
  const kinds = receipts.map((r) => r.filename.replace(/^nachweis-\d+-/, ''));
  expect(kinds).toEqual(expect.arrayContaining(['opt_in.json', 'confirmed.json', 'withdrawn.json']));
  expect(new Set(receipts.map((r) => r.to)).size).toBeGreaterThanOrEqual(2);
  const dir = await mkdtemp(path.join(tmpdir(), 'receipts-'));
  for (const [i, r] of receipts.entries()) {
    const file = path.join(dir, `${i}-${r.filename}`);
    await writeFile(file, r.json);
    // execFile rejects on a non-zero exit: exit 0 is the verifier's "verified".
    const { stdout } = await run('npx', ['tsx', 'scripts/verify-receipt.ts', file, '--json', ...keys.flatMap((k) => ['--pubkey', k])], { timeout: 60_000 });
    const verdict = JSON.parse(stdout) as { ok: boolean; checks: { name: string; ok: boolean; detail: string }[] };
    expect(verdict.ok, r.filename).toBe(true);
    expect(verdict.checks.map((c) => c.name)).toEqual(['key', 'signature', 'inclusion']);
    expect(verdict.checks[0]!.detail).toMatch(/^trusted key/); // the published key, not the one printed in the receipt
  }

  // The public page, without JavaScript: the withdrawal receipt uploaded, every check passed.
  const visitor = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
  await visitor.goto('/verify');
  const withdrawn = receipts.find((r) => r.filename.endsWith('withdrawn.json'))!;
  await visitor.getByLabel('Nachweis (JSON-Datei)').setInputFiles({ name: withdrawn.filename, mimeType: 'application/json', buffer: Buffer.from(withdrawn.json) });
  await visitor.getByRole('button', { name: 'Nachweis prüfen' }).click();
  await expect(visitor.getByTestId('receipt-verdict')).toHaveText('Der Nachweis ist gültig.');
  for (const check of ['key', 'signature', 'inclusion', 'consistency']) await expect(visitor.getByTestId(`check-${check}`)).toHaveAttribute('data-ok', 'true');
  // The event's hash lookup: sealed, with its proof to download.
  await visitor.getByRole('link', { name: JSON.parse(withdrawn.json).ledger.eventHash }).click();
  await expect(visitor.getByTestId('verify-seal')).toContainText(/versiegelt in Checkpoint \d+/);
  const proof = await visitor.context().request.get((await visitor.getByTestId('proof-download').getAttribute('href'))!);
  expect((await proof.json()).format).toBe('einwilligung-tlog-receipt@v1');
});
