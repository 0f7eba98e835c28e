import { expect, test, type Page } from '@playwright/test';
import { contactOptsIn, createAndCopyLink, publishNotice } from '../fixtures/consent';
import { inviteAndJoin, ownerWithTenant } from '../fixtures/team';

/** Collects the ids tenant B's own dashboard shows: notice, link, contact, event, mail. */
async function idsOf(owner: Page) {
  await owner.goto('/dashboard/notices');
  const noticeHref = await owner.locator('a[href^="/dashboard/notices/"]').first().getAttribute('href');
  await owner.goto('/dashboard/links');
  const qrHref = await owner.locator('a[href*="/qr"]').first().getAttribute('href');
  await owner.goto('/dashboard/ledger');
  const contactHref = await owner.locator('a[href^="/dashboard/ledger/contacts/"]').first().getAttribute('href');
  await owner.goto(contactHref!);
  const receiptHref = await owner.locator('a[href$="/receipt.pdf"]').first().getAttribute('href');
  return {
    noticeId: noticeHref!.split('/')[3]!.split('?')[0]!,
    linkId: qrHref!.split('/')[3]!,
    contactId: contactHref!.split('/')[4]!,
    eventId: receiptHref!.split('/')[4]!,
  };
}

test('a member of tenant A gets 403/404 and no data for every id of tenant B', async ({ browser }) => {
  const b = await ownerWithTenant(browser, 'Firma B');
  await publishNotice(b.page);
  const bSales = await inviteAndJoin(b.page, browser, 'sales', { permissions: ['clipboard-read', 'clipboard-write'] });
  const url = await createAndCopyLink(bSales, 'B-Link');
  await contactOptsIn(browser, url, { name: 'Geheim Kontakt', phone: '0173 1112223', js: true });
  const ids = await idsOf(b.page);

  const a = await ownerWithTenant(browser, 'Firma A');
  const req = a.page.context().request;
  const gets = [
    `/dashboard/notices/${ids.noticeId}`,
    `/dashboard/links/${ids.linkId}/qr?format=svg`,
    `/dashboard/links/${ids.linkId}/qr?format=png`,
    `/dashboard/ledger/contacts/${ids.contactId}`,
    `/dashboard/ledger/contacts/${ids.contactId}/history.pdf`,
    `/dashboard/ledger/events/${ids.eventId}/receipt.pdf`,
    `/dashboard/ledger/events/${ids.eventId}/receipt.json`,
  ];
  for (const path of gets) {
    const res = await req.get(path);
    expect([403, 404], path).toContain(res.status());
    const body = await res.text();
    // B's contact by full name: the bare word also stands in UI texts now ('App-Geheimnis' on the WhatsApp settings).
    expect(body, path).not.toContain('Geheim Kontakt');
    expect(body, path).not.toContain('1112223');
  }
  // Filters and exports with B's ids return A's (empty) data only.
  for (const path of [`/dashboard/ledger?link=${ids.linkId}`, `/dashboard/ledger?q=Geheim`, `/dashboard/ledger/export.csv?link=${ids.linkId}`, '/dashboard/ledger/contacts.vcf']) {
    const res = await req.get(path);
    expect(res.status(), path).toBe(200);
    const body = await res.text();
    // (the search term itself is echoed in the form; the contact's full name and number must not appear)
    expect(body, path).not.toContain('Geheim Kontakt');
    expect(body, path).not.toContain('1112223');
  }

  // Server actions with B's ids slipped into A's own forms: refused as "not found", nothing changes.
  await a.page.goto('/dashboard/notices');
  await a.page.getByLabel('Interner Name').fill('A-Hinweis');
  await a.page.getByLabel('Überschrift').fill('A');
  await a.page.getByLabel('Text', { exact: true }).fill('A');
  await a.page.getByRole('button', { name: 'Hinweis anlegen' }).click();
  await expect(a.page.getByRole('button', { name: 'Version 1 veröffentlichen' })).toBeVisible();
  await a.page.locator('form:has(input[name="expectedHash"]) input[name="noticeId"]').evaluate((el, id) => ((el as HTMLInputElement).value = id), ids.noticeId);
  await a.page.getByLabel('Ich habe den Text geprüft', { exact: false }).check();
  await a.page.getByRole('button', { name: 'Version 1 veröffentlichen' }).click();
  await expect(a.page.getByText('Nicht gefunden.')).toBeVisible();

  // B's own view is unchanged: the contact's consent and its double opt-in confirmation.
  await b.page.goto('/dashboard/ledger');
  await expect(b.page.getByTestId('ledger-row')).toHaveCount(2);
});

test('a sales member is refused the ledger, proofs and exports', async ({ browser }) => {
  const o = await ownerWithTenant(browser);
  const sales = await inviteAndJoin(o.page, browser, 'sales');
  const req = sales.context().request;
  for (const path of ['/dashboard/ledger', '/dashboard/ledger/export.csv', '/dashboard/ledger/contacts.vcf', '/dashboard/ledger/report.pdf?from=2026-01-01&to=2026-01-31', '/dashboard/members', '/dashboard/settings']) {
    expect((await req.get(path)).status(), path).toBe(403);
  }
});
