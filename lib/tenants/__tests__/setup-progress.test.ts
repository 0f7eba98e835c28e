import { describe, expect, it } from 'vitest';
import { setupProgress, type SetupFacts } from '../setup-progress';

const empty: SetupFacts = {
  profile: { name: 'Firma', legalName: null, address: null, contactPhone: null, evidenceEmail: null, impressumUrl: null },
  hasPublishedNotice: false,
  hasLink: false,
  dismissedAt: null,
};
const fullProfile = { ...empty.profile, address: 'Weg 1, 10115 Berlin', evidenceEmail: 'info@firma.example', impressumUrl: 'https://firma.example/impressum' };

describe('setup progress', () => {
  it('starts with nothing done, in the order profile → notice → link', () => {
    const p = setupProgress(empty);
    expect(p.steps.map((s) => [s.id, s.done])).toEqual([['profile', false], ['notice', false], ['link', false]]);
    expect(p).toMatchObject({ doneCount: 0, total: 3, complete: false, dismissed: false });
  });

  it('needs address, a contact and the Impressum for the company step', () => {
    expect(setupProgress({ ...empty, profile: { ...fullProfile, impressumUrl: null } }).steps[0]!.done).toBe(false);
    expect(setupProgress({ ...empty, profile: { ...fullProfile, evidenceEmail: null } }).steps[0]!.done).toBe(false);
    expect(setupProgress({ ...empty, profile: { ...fullProfile, evidenceEmail: null, contactPhone: '+49 30 1' } }).steps[0]!.done).toBe(true);
  });

  it('is complete with all three, and reports a dismissal', () => {
    expect(setupProgress({ profile: fullProfile, hasPublishedNotice: true, hasLink: true, dismissedAt: null })).toMatchObject({ doneCount: 3, complete: true });
    expect(setupProgress({ ...empty, dismissedAt: new Date() }).dismissed).toBe(true);
  });
});
