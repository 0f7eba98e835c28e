import { describe, expect, it } from 'vitest';
import { GERMAN_STATES, STATE_AUTHORITIES } from '../data/state-authorities';
import { authorityForAddress, postcodeIn, stateForPostcode, stateNamedIn } from '../state-authority';

describe('postcode → state', () => {
  // One ordinary postcode per state (a capital or large town).
  const ONE_PER_STATE = {
    BW: '70173', // Stuttgart
    BY: '80331', // München
    BE: '10115', // Berlin
    BB: '14467', // Potsdam
    HB: '28195', // Bremen
    HH: '20095', // Hamburg
    HE: '65185', // Wiesbaden
    MV: '19053', // Schwerin
    NI: '30159', // Hannover
    NW: '40213', // Düsseldorf
    RP: '55116', // Mainz
    SL: '66111', // Saarbrücken
    SN: '01067', // Dresden
    ST: '39104', // Magdeburg
    SH: '24103', // Kiel
    TH: '99084', // Erfurt
  } as const;

  it.each(Object.entries(ONE_PER_STATE))('%s: %s', (state, plz) => {
    expect(stateForPostcode(plz)).toBe(state);
  });

  it('covers all 16 states with an authority each', () => {
    expect(Object.keys(ONE_PER_STATE).sort()).toEqual([...GERMAN_STATES].sort());
    for (const s of GERMAN_STATES) expect(STATE_AUTHORITIES[s].address.length).toBeGreaterThan(1);
  });

  // PLZ regions cross state borders: the longer prefixes in the table correct these.
  it.each([
    ['27568', 'HB', 'Bremerhaven (Leitregion 27 is Lower Saxony)'],
    ['27607', 'NI', 'Langen near Bremerhaven'],
    ['89231', 'BY', 'Neu-Ulm'],
    ['89073', 'BW', 'Ulm'],
    ['88131', 'BY', 'Lindau'],
    ['63739', 'BY', 'Aschaffenburg (Leitregion 63 is Hesse)'],
    ['22850', 'SH', 'Norderstedt (Leitregion 22 is Hamburg)'],
    ['22415', 'HH', 'Hamburg-Langenhorn'],
    ['21073', 'HH', 'Hamburg-Harburg (Leitregion 21 is Lower Saxony)'],
    ['21335', 'NI', 'Lüneburg'],
    ['14109', 'BE', 'Berlin-Wannsee (Leitregion 14 is Brandenburg)'],
    ['04600', 'TH', 'Altenburg (Leitregion 04 is Saxony)'],
    ['23966', 'MV', 'Wismar (Leitregion 23 is Schleswig-Holstein)'],
    ['38855', 'ST', 'Wernigerode (Leitregion 38 is Lower Saxony)'],
    ['97980', 'BW', 'Bad Mergentheim (Leitregion 97 is Bavaria)'],
    ['53474', 'RP', 'Bad Neuenahr-Ahrweiler (Leitregion 53 is NRW)'],
    ['66482', 'RP', 'Zweibrücken (Leitregion 66 is Saarland)'],
  ])('%s → %s (%s)', (plz, state) => {
    expect(stateForPostcode(plz)).toBe(state);
  });

  it('has no state for malformed or unused postcodes', () => {
    expect(stateForPostcode('1234')).toBeNull();
    expect(stateForPostcode('00123')).toBeNull();
    expect(stateForPostcode('62000')).toBeNull();
  });
});

describe('address → authority', () => {
  it('finds the postcode in a multi-line or one-line address', () => {
    expect(postcodeIn('Musterstraße 1\n10115 Berlin')).toBe('10115');
    expect(postcodeIn('Hauptstr. 12, D-80331 München')).toBe('80331');
    expect(authorityForAddress('Musterstraße 1, 10115 Berlin')).toMatchObject({ source: 'postcode', authority: { state: 'BE' } });
  });

  it('prefers a state named explicitly in the address over the postcode', () => {
    // A border case the table gets right anyway, named explicitly: the named state is used.
    expect(stateNamedIn('Marktplatz 3\n89231 Neu-Ulm\nBayern')).toBe('BY');
    expect(authorityForAddress('Dorfstraße 1, 04600 Altenburg, Sachsen')).toMatchObject({ source: 'state', authority: { state: 'SN' } });
    // Street and town names are not state names.
    expect(stateNamedIn('Berliner Straße 5, 80331 München')).toBeNull();
    expect(stateNamedIn('Sachsenring 5, 50677 Köln')).toBeNull();
  });

  it('names BayLDA (companies), not BayLfD (public bodies), for Bavaria', () => {
    expect(authorityForAddress('Promenade 1, 91522 Ansbach')?.authority.name).toContain('BayLDA');
  });

  it('is null without an address or postcode', () => {
    expect(authorityForAddress(null)).toBeNull();
    expect(authorityForAddress('Musterweg 1')).toBeNull();
  });
});
