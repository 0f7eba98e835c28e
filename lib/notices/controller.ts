/** What a privacy notice must name about the controller (Art. 13(1)(a) GDPR), read from the company profile. */
export type ControllerProfile = {
  name: string;
  legalName?: string | null;
  address?: string | null;
  contactPhone?: string | null;
  evidenceEmail?: string | null;
};

export type ControllerGap = 'name' | 'address' | 'contact';

/**
 * The parts of the controller a notice cannot go without that the profile lacks: the name (legal name, else the
 * company name), the postal address and one way to reach the company (phone, or the company e-mail address — the
 * profile's evidence address). Empty when a notice may be published.
 */
export function controllerGaps(p: ControllerProfile): ControllerGap[] {
  const gaps: ControllerGap[] = [];
  if (!(p.legalName?.trim() || p.name?.trim())) gaps.push('name');
  if (!p.address?.trim()) gaps.push('address');
  if (!p.contactPhone?.trim() && !p.evidenceEmail?.trim()) gaps.push('contact');
  return gaps;
}
