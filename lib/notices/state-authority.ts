import { PLZ_PREFIX_STATE, STATE_AUTHORITIES, STATE_NAMES, type GermanState, type StateAuthority } from './data/state-authorities';

/** The German state of a 5-digit postcode, by the longest prefix in the table (an approximation at borders). */
export function stateForPostcode(plz: string): GermanState | null {
  if (!/^\d{5}$/.test(plz)) return null;
  for (let len = 4; len >= 2; len--) {
    const state = PLZ_PREFIX_STATE[plz.slice(0, len)];
    if (state) return state;
  }
  return null;
}

const normalise = (s: string) => s.trim().toLowerCase().replace(/\s+/g, ' ');

/**
 * A state named explicitly in the address: a line or comma-separated part that is exactly a state's name
 * ("…\n89231 Neu-Ulm\nBayern"). Part of a street or town name ("Berliner Str.", "10115 Berlin") does not count.
 */
export function stateNamedIn(address: string): GermanState | null {
  const parts = address.split(/[\n,;]/).map(normalise).filter(Boolean);
  for (const part of parts) {
    for (const [state, names] of Object.entries(STATE_NAMES) as [GermanState, string[]][]) {
      if (names.some((n) => normalise(n) === part)) return state;
    }
  }
  return null;
}

/** The postcode of a German address: the last 5-digit number that starts a line or part, optionally after "D-". */
export function postcodeIn(address: string): string | null {
  const matches = [...address.matchAll(/(?:^|[\n,;]\s*)(?:D-\s?)?(\d{5})(?=\s+\S)/g)];
  return matches.at(-1)?.[1] ?? address.match(/\b(\d{5})\b/)?.[1] ?? null;
}

export type AuthorityMatch = { authority: StateAuthority; source: 'state' | 'postcode' };

/**
 * The supervisory authority competent for a company at `address`: an explicitly named state wins, else the state of
 * the postcode. Null when neither is found (the template then leaves a placeholder for the owner to fill).
 */
export function authorityForAddress(address: string | null | undefined): AuthorityMatch | null {
  if (!address) return null;
  const named = stateNamedIn(address);
  if (named) return { authority: STATE_AUTHORITIES[named], source: 'state' };
  const plz = postcodeIn(address);
  const state = plz ? stateForPostcode(plz) : null;
  return state ? { authority: STATE_AUTHORITIES[state], source: 'postcode' } : null;
}
