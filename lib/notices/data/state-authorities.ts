/**
 * The 16 German state data protection authorities (Landesdatenschutzbehörden) that supervise companies
 * (non-public bodies, Art. 51 GDPR with § 40 BDSG), with their postal address. The ONE place this list lives:
 * notice templates name the authority of the company's state (lib/notices/state-authority.ts).
 *
 * Bavaria has two authorities: the BayLDA in Ansbach supervises companies (non-public bodies) and is the one
 * templates name; the BayLfD in Munich supervises public bodies and is listed only so nobody adds it by mistake.
 *
 * Addresses as published by the authorities (checked 2026-12). Authorities move: review this file once a year.
 */

export const GERMAN_STATES = ['BW', 'BY', 'BE', 'BB', 'HB', 'HH', 'HE', 'MV', 'NI', 'NW', 'RP', 'SL', 'SN', 'ST', 'SH', 'TH'] as const;
export type GermanState = (typeof GERMAN_STATES)[number];

export type StateAuthority = {
  state: GermanState;
  /** The state's name in German and English. */
  stateName: { de: string; en: string };
  /** The authority's official (German) name. */
  name: string;
  /** Street, postcode and town, one line each. */
  address: string[];
  website: string;
};

export const STATE_AUTHORITIES: Record<GermanState, StateAuthority> = {
  BW: {
    state: 'BW',
    stateName: { de: 'Baden-Württemberg', en: 'Baden-Württemberg' },
    name: 'Der Landesbeauftragte für den Datenschutz und die Informationsfreiheit Baden-Württemberg',
    address: ['Lautenschlagerstraße 20', '70173 Stuttgart'],
    website: 'https://www.baden-wuerttemberg.datenschutz.de',
  },
  BY: {
    state: 'BY',
    stateName: { de: 'Bayern', en: 'Bavaria' },
    name: 'Bayerisches Landesamt für Datenschutzaufsicht (BayLDA)',
    address: ['Promenade 18', '91522 Ansbach'],
    website: 'https://www.lda.bayern.de',
  },
  BE: {
    state: 'BE',
    stateName: { de: 'Berlin', en: 'Berlin' },
    name: 'Berliner Beauftragte für Datenschutz und Informationsfreiheit',
    address: ['Alt-Moabit 59–61', '10555 Berlin'],
    website: 'https://www.datenschutz-berlin.de',
  },
  BB: {
    state: 'BB',
    stateName: { de: 'Brandenburg', en: 'Brandenburg' },
    name: 'Die Landesbeauftragte für den Datenschutz und für das Recht auf Akteneinsicht Brandenburg',
    address: ['Stahnsdorfer Damm 77', '14532 Kleinmachnow'],
    website: 'https://www.lda.brandenburg.de',
  },
  HB: {
    state: 'HB',
    stateName: { de: 'Bremen', en: 'Bremen' },
    name: 'Die Landesbeauftragte für Datenschutz und Informationsfreiheit der Freien Hansestadt Bremen',
    address: ['Arndtstraße 1', '27570 Bremerhaven'],
    website: 'https://www.datenschutz.bremen.de',
  },
  HH: {
    state: 'HH',
    stateName: { de: 'Hamburg', en: 'Hamburg' },
    name: 'Der Hamburgische Beauftragte für Datenschutz und Informationsfreiheit',
    address: ['Ludwig-Erhard-Straße 22', '20459 Hamburg'],
    website: 'https://datenschutz-hamburg.de',
  },
  HE: {
    state: 'HE',
    stateName: { de: 'Hessen', en: 'Hesse' },
    name: 'Der Hessische Beauftragte für Datenschutz und Informationsfreiheit',
    address: ['Gustav-Stresemann-Ring 1', '65189 Wiesbaden'],
    website: 'https://datenschutz.hessen.de',
  },
  MV: {
    state: 'MV',
    stateName: { de: 'Mecklenburg-Vorpommern', en: 'Mecklenburg-Western Pomerania' },
    name: 'Der Landesbeauftragte für Datenschutz und Informationsfreiheit Mecklenburg-Vorpommern',
    address: ['Werderstraße 74a', '19055 Schwerin'],
    website: 'https://www.datenschutz-mv.de',
  },
  NI: {
    state: 'NI',
    stateName: { de: 'Niedersachsen', en: 'Lower Saxony' },
    name: 'Die Landesbeauftragte für den Datenschutz Niedersachsen',
    address: ['Prinzenstraße 5', '30159 Hannover'],
    website: 'https://www.lfd.niedersachsen.de',
  },
  NW: {
    state: 'NW',
    stateName: { de: 'Nordrhein-Westfalen', en: 'North Rhine-Westphalia' },
    name: 'Landesbeauftragte für Datenschutz und Informationsfreiheit Nordrhein-Westfalen',
    address: ['Kavalleriestraße 2–4', '40213 Düsseldorf'],
    website: 'https://www.ldi.nrw.de',
  },
  RP: {
    state: 'RP',
    stateName: { de: 'Rheinland-Pfalz', en: 'Rhineland-Palatinate' },
    name: 'Der Landesbeauftragte für den Datenschutz und die Informationsfreiheit Rheinland-Pfalz',
    address: ['Hintere Bleiche 34', '55116 Mainz'],
    website: 'https://www.datenschutz.rlp.de',
  },
  SL: {
    state: 'SL',
    stateName: { de: 'Saarland', en: 'Saarland' },
    name: 'Unabhängiges Datenschutzzentrum Saarland',
    address: ['Fritz-Dobisch-Straße 12', '66111 Saarbrücken'],
    website: 'https://www.datenschutz.saarland.de',
  },
  SN: {
    state: 'SN',
    stateName: { de: 'Sachsen', en: 'Saxony' },
    name: 'Die Sächsische Datenschutz- und Transparenzbeauftragte',
    address: ['Devrientstraße 5', '01067 Dresden'],
    website: 'https://www.datenschutz.sachsen.de',
  },
  ST: {
    state: 'ST',
    stateName: { de: 'Sachsen-Anhalt', en: 'Saxony-Anhalt' },
    name: 'Der Landesbeauftragte für den Datenschutz Sachsen-Anhalt',
    address: ['Otto-von-Guericke-Straße 34a', '39104 Magdeburg'],
    website: 'https://datenschutz.sachsen-anhalt.de',
  },
  SH: {
    state: 'SH',
    stateName: { de: 'Schleswig-Holstein', en: 'Schleswig-Holstein' },
    name: 'Unabhängiges Landeszentrum für Datenschutz Schleswig-Holstein (ULD)',
    address: ['Holstenstraße 98', '24103 Kiel'],
    website: 'https://www.datenschutzzentrum.de',
  },
  TH: {
    state: 'TH',
    stateName: { de: 'Thüringen', en: 'Thuringia' },
    name: 'Thüringer Landesbeauftragter für den Datenschutz und die Informationsfreiheit',
    address: ['Häßlerstraße 8', '99096 Erfurt'],
    website: 'https://www.tlfdi.de',
  },
};

/** Bavaria's authority for PUBLIC bodies — not the one for companies; kept here so the distinction is explicit. */
export const BAVARIA_PUBLIC_BODIES: Omit<StateAuthority, 'state'> = {
  stateName: { de: 'Bayern', en: 'Bavaria' },
  name: 'Der Bayerische Landesbeauftragte für den Datenschutz (BayLfD)',
  address: ['Wagmüllerstraße 18', '80538 München'],
  website: 'https://www.datenschutz-bayern.de',
};

/**
 * Postcode (PLZ) → state, by longest matching prefix. PLZ regions follow postal routes, not state borders, so the two
 * leading digits (the "Leitregion") give the state for most codes and longer prefixes correct the known border
 * areas. It is an approximation: a few places near a border can still come out wrong, which is why an explicit
 * state named in the address wins (state-authority.ts) and the owner reviews the notice before publishing.
 */
export const PLZ_PREFIX_STATE: Record<string, GermanState> = {
  // two digits: the Leitregion's main state
  '01': 'SN', '02': 'SN', '03': 'BB', '04': 'SN', '06': 'ST', '07': 'TH', '08': 'SN', '09': 'SN',
  '10': 'BE', '12': 'BE', '13': 'BE', '14': 'BB', '15': 'BB', '16': 'BB', '17': 'MV', '18': 'MV', '19': 'MV',
  '20': 'HH', '21': 'NI', '22': 'HH', '23': 'SH', '24': 'SH', '25': 'SH', '26': 'NI', '27': 'NI', '28': 'HB', '29': 'NI',
  '30': 'NI', '31': 'NI', '32': 'NW', '33': 'NW', '34': 'HE', '35': 'HE', '36': 'HE', '37': 'NI', '38': 'NI', '39': 'ST',
  '40': 'NW', '41': 'NW', '42': 'NW', '44': 'NW', '45': 'NW', '46': 'NW', '47': 'NW', '48': 'NW', '49': 'NI',
  '50': 'NW', '51': 'NW', '52': 'NW', '53': 'NW', '54': 'RP', '55': 'RP', '56': 'RP', '57': 'NW', '58': 'NW', '59': 'NW',
  '60': 'HE', '61': 'HE', '63': 'HE', '64': 'HE', '65': 'HE', '66': 'SL', '67': 'RP', '68': 'BW', '69': 'BW',
  '70': 'BW', '71': 'BW', '72': 'BW', '73': 'BW', '74': 'BW', '75': 'BW', '76': 'BW', '77': 'BW', '78': 'BW', '79': 'BW',
  '80': 'BY', '81': 'BY', '82': 'BY', '83': 'BY', '84': 'BY', '85': 'BY', '86': 'BY', '87': 'BY', '88': 'BW', '89': 'BW',
  '90': 'BY', '91': 'BY', '92': 'BY', '93': 'BY', '94': 'BY', '95': 'BY', '96': 'BY', '97': 'BY', '98': 'TH', '99': 'TH',
  // border areas (longer prefixes win)
  '0194': 'BB', '0196': 'BB', '0197': 'BB', '0198': 'BB', '0199': 'BB', // Lausitz: Senftenberg, Lauchhammer
  '0460': 'TH', '0461': 'TH', '0462': 'TH', '0463': 'TH', // Altenburger Land
  '049': 'BB', // Elbe-Elster: Elsterwerda, Herzberg
  '0655': 'TH', '0656': 'TH', '0657': 'TH', // Kyffhäuser: Artern, Bad Frankenhausen
  '140': 'BE', '141': 'BE', // Berlin south-west (Wannsee, Zehlendorf, Dahlem); Potsdam is 144
  '1726': 'BB', '1727': 'BB', '1728': 'BB', '1729': 'BB', // Uckermark: Templin, Prenzlau
  '1932': 'BB', '1933': 'BB', '1934': 'BB', '1935': 'BB', // Prignitz: Wittenberge, Perleberg
  '210': 'HH', '211': 'HH', // Hamburg-Bergedorf, -Harburg, -Wilhelmsburg
  '228': 'SH', '229': 'SH', // Norderstedt, Wedel, Ahrensburg
  '239': 'MV', // Wismar, Grevesmühlen
  '2756': 'HB', '2757': 'HB', '2758': 'HB', // Bremerhaven
  '2879': 'NI', '288': 'NI', // Schwanewede, Stuhr, Achim, Syke
  '2941': 'ST', // Salzwedel
  '3441': 'NW', '3443': 'NW', // Warburg, Borgentreich
  '364': 'TH', // Bad Salzungen
  '372': 'HE', // Witzenhausen, Eschwege
  '373': 'TH', // Eichsfeld: Heilbad Heiligenstadt, Leinefelde
  '3848': 'ST', '388': 'ST', '389': 'ST', // Altmark, Halberstadt, Wernigerode
  '4845': 'NI', '4846': 'NI', '485': 'NI', // Grafschaft Bentheim: Bad Bentheim, Nordhorn
  '4947': 'NW', '4949': 'NW', '4950': 'NW', '4952': 'NW', '4953': 'NW', '4954': 'NW', // Tecklenburger Land
  '534': 'RP', '535': 'RP', // Ahrweiler, Remagen, Linz
  '575': 'RP', '576': 'RP', // Altenkirchen, Betzdorf
  '637': 'BY', '638': 'BY', '639': 'BY', // Aschaffenburg, Miltenberg
  '6558': 'RP', // Diez
  '6648': 'RP', '6649': 'RP', '665': 'RP', '668': 'RP', '669': 'RP', // Zweibrücken, Landstuhl, Pirmasens
  '6851': 'HE', '6862': 'HE', '6864': 'HE', // Viernheim, Lampertheim, Biblis
  '6948': 'HE', '6951': 'HE', // Wald-Michelbach, Mörlenbach
  '881': 'BY', // Lindau (Bodensee)
  '892': 'BY', '893': 'BY', '894': 'BY', // Neu-Ulm, Günzburg, Dillingen; Ulm (890, 891) stays BW
  '9787': 'BW', '979': 'BW', // Wertheim, Tauberbischofsheim, Bad Mergentheim
};

/** State names (and common abbreviations) an address may spell out; matched as whole words, case-insensitively. */
export const STATE_NAMES: Record<GermanState, string[]> = {
  BW: ['Baden-Württemberg', 'Baden-Wuerttemberg'],
  BY: ['Bayern', 'Bavaria'],
  BE: ['Berlin'],
  BB: ['Brandenburg'],
  HB: ['Bremen'],
  HH: ['Hamburg'],
  HE: ['Hessen', 'Hesse'],
  MV: ['Mecklenburg-Vorpommern', 'Mecklenburg-Western Pomerania'],
  NI: ['Niedersachsen', 'Lower Saxony'],
  NW: ['Nordrhein-Westfalen', 'North Rhine-Westphalia', 'NRW'],
  RP: ['Rheinland-Pfalz', 'Rhineland-Palatinate'],
  SL: ['Saarland'],
  SN: ['Sachsen', 'Saxony'],
  ST: ['Sachsen-Anhalt', 'Saxony-Anhalt'],
  SH: ['Schleswig-Holstein'],
  TH: ['Thüringen', 'Thueringen', 'Thuringia'],
};
