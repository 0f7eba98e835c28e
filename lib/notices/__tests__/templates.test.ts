import { describe, expect, it } from 'vitest';
import { controllerGaps } from '../controller';
import { findPlaceholders } from '../placeholders';
import { noticeTemplate, TEMPLATE_PURPOSES } from '../templates';

const complete = {
  name: 'Malerbetrieb Kunz',
  legalName: 'Malerbetrieb Kunz GmbH',
  address: 'Lindenweg 4\n89231 Neu-Ulm',
  controllerRepresentative: 'Anna Kunz',
  dpoName: 'Datenschutz Süd GmbH',
  dpoEmail: 'dsb@example.com',
  contactPhone: '+49 731 123456',
  evidenceEmail: 'info@kunz.example',
  impressumUrl: 'https://kunz.example/impressum',
};
const incomplete = { name: 'Kunz' };

describe('placeholders', () => {
  it('finds each distinct [[…]] once, in order', () => {
    expect(findPlaceholders('Hallo [[Name]], [[Ort]] und [[Name]]', 'x [[ Anschrift ]]')).toEqual(['[[Name]]', '[[Ort]]', '[[Anschrift]]']);
  });
  it('ignores Markdown links, single brackets and empty pairs', () => {
    expect(findPlaceholders('[Link](https://x.example) [a] [[]] text')).toEqual([]);
  });
});

describe('notice templates', () => {
  it.each(['de', 'en'] as const)('%s with a complete profile: filled, no placeholders', (lang) => {
    const tpl = noticeTemplate(complete, lang, TEMPLATE_PURPOSES);
    const all = `${tpl.title}\n${tpl.body}\n${tpl.purpose}\n${tpl.legalBasis}`;
    expect(findPlaceholders(all)).toEqual([]);
    expect(tpl.body).toContain('Malerbetrieb Kunz GmbH, Lindenweg 4, 89231 Neu-Ulm');
    expect(tpl.body).toContain('+49 731 123456');
    expect(tpl.body).toContain('dsb@example.com');
    expect(tpl.body).toContain('WhatsApp Ireland Ltd.');
    expect(tpl.body).toContain('10');
    expect(tpl.body).toMatch(/Art\. 45 (DSGVO|GDPR)/);
    for (const art of [15, 16, 17, 18, 20, 21]) expect(tpl.body).toContain(`Art. ${art}`);
    expect(tpl.body).toContain('Stopp');
    // Neu-Ulm is in Bavaria: the authority for companies there is the BayLDA in Ansbach.
    expect(tpl.body).toContain('Bayerisches Landesamt für Datenschutzaufsicht (BayLDA), Promenade 18, 91522 Ansbach');
    expect(controllerGaps(complete)).toEqual([]);
  });

  it('German and English differ in language', () => {
    expect(noticeTemplate(complete, 'de', ['appointments']).body).toContain('Terminvereinbarung');
    expect(noticeTemplate(complete, 'en', ['appointments']).body).toContain('appointments');
    expect(noticeTemplate(complete, 'en', ['appointments']).body).not.toContain('offers');
  });

  it.each(['de', 'en'] as const)('%s with an incomplete profile: placeholders for address, contact and authority; no DPO section', (lang) => {
    const tpl = noticeTemplate(incomplete, lang, []);
    const found = findPlaceholders(tpl.body);
    expect(found).toHaveLength(4); // address, contact, purpose, authority
    expect(tpl.body).not.toMatch(/Datenschutzbeauftragter|data protection officer/);
    expect(controllerGaps(incomplete)).toEqual(['address', 'contact']);
  });
});
