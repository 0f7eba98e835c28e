import { describe, expect, it } from 'vitest';
import { Field } from '@/components/forms/field';
import { renderHtml, TrustedHtml } from '@/lib/http/html';
import { DecisionForm } from '../decision-form';
import { publicI18n } from '../i18n';

describe('renderHtml (the public pages’ JSX → HTML string)', () => {
  it('escapes text and attribute values, so input stays text', async () => {
    const evil = `"><script>alert(1)</script>&'`;
    const html = await renderHtml(
      <p title={evil} data-x={evil}>
        {evil}
      </p>,
    );
    expect(html).toBe(
      '<p title="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&amp;&#39;" data-x="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&amp;&#39;">&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&amp;&#39;</p>',
    );
    expect(html).not.toContain('<script');
  });

  it('renders React props as HTML attributes: class, for, booleans, aria, style, void elements, fragments', async () => {
    const html = await renderHtml(
      <>
        <label htmlFor="a" className="l">
          A
        </label>
        <input id="a" required disabled={false} aria-invalid={true} aria-required={false} maxLength={4} defaultValue="x" spellCheck={false} style={{ borderColor: '#123456' }} />
        {null}
        {false}
        {[1, 'two']}
      </>,
    );
    expect(html).toBe(
      '<label for="a" class="l">A</label><input id="a" required aria-invalid="true" aria-required="false" maxlength="4" value="x" spellcheck="false" style="border-color:#123456">1two',
    );
  });

  it('awaits async components and refuses raw HTML', async () => {
    async function Later() {
      return <b>later</b>;
    }
    expect(await renderHtml(<p>{<Later />}</p>)).toBe('<p><b>later</b></p>');
    await expect(renderHtml(<div dangerouslySetInnerHTML={{ __html: '<i>x</i>' }} />)).rejects.toThrow(/dangerouslySetInnerHTML/);
    // Only the explicit marker for server-generated markup inserts it as it is.
    expect(await renderHtml(<div role="img">{<TrustedHtml html={'<svg><rect/></svg>'} />}</div>)).toBe('<div role="img"><svg><rect/></svg></div>');
  });

  it('the consent form shown again keeps the typed input and names every field error (German and English)', async () => {
    const failure = { problem: { type: 't', title: 'Unprocessable Content', status: 422, code: 'validation', errors: { phone: 'phone', email: 'consent.errors.emailForConfirmation' } }, values: { name: 'Erika <Muster>', phone: '12' } };
    for (const [locale, phoneError, summary] of [
      ['de', 'Bitte geben Sie eine gültige Telefonnummer ein', 'Bitte prüfen Sie die markierten Felder.'],
      ['en', 'Please enter a valid phone number', 'Please check the marked fields.'],
    ] as const) {
      const html = await renderHtml(<DecisionForm i18n={publicI18n(locale)} action="/c/x/y" decision="opt_in" idempotencyKey="k" noticeVersionId="v" emailRequired failure={failure} />);
      expect(html).toContain('value="Erika &lt;Muster&gt;"');
      expect(html).toContain('name="phone" class="input" id="f-phone" aria-invalid="true"');
      expect(html).toContain(phoneError);
      expect(html).toContain(summary);
      expect(html).toContain('id="f-email-error"');
      expect(html).not.toContain('<script');
    }
  });

  it('Field from components/forms renders the same wiring as in the dashboard', async () => {
    const html = await renderHtml(<Field label="Name" name="name" hint="h" error="e" />);
    expect(html).toContain('aria-describedby="f-name-hint f-name-error"');
  });
});
