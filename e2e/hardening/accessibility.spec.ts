import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { contactOptsIn, createAndCopyLink, publishNotice } from '../fixtures/consent';
import { inviteAndJoin, ownerWithTenant } from '../fixtures/team';

/** WCAG 2.1 A/AA rules of axe-core on the current page; returns the violations with their targets. */
async function violations(page: Page) {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.map((n) => n.target.join(' ')).slice(0, 3) }));
}

test('axe finds no WCAG 2.1 AA violation on the public pages and the main dashboard pages', async ({ browser }) => {
  const { page: owner } = await ownerWithTenant(browser);
  await publishNotice(owner);
  const sales = await inviteAndJoin(owner, browser, 'sales', { permissions: ['clipboard-read', 'clipboard-write'] });
  const url = await createAndCopyLink(sales, 'A11y');
  const personal = await contactOptsIn(browser, url, { name: 'Ada Access', phone: '0174 5556667', js: true });

  const contact = await (await browser.newContext()).newPage();
  const publicPages = [url, `${url}?step=notice`, `${url}?step=refuse`, new URL(personal).pathname, '/signin', '/', '/verify'];
  for (const path of publicPages) {
    await contact.goto(path);
    expect(await violations(contact), path).toEqual([]);
  }
  await contact.goto(`${url}?step=notice`);
  await contact.getByLabel('Ich habe den Datenschutzhinweis gelesen', { exact: false }).check();
  await contact.getByRole('button', { name: 'Weiter' }).click();
  expect(await violations(contact), 'details step').toEqual([]);

  for (const path of ['/dashboard', '/dashboard/ledger', '/dashboard/links', '/dashboard/notices', '/dashboard/members', '/dashboard/settings']) {
    await owner.goto(path);
    expect(await violations(owner), path).toEqual([]);
  }
});
