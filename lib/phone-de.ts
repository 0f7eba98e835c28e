import 'server-only';
// A fast path of lib/phone.ts for the shapes a German address book is made of: +49…, 0049… (made +49 by the caller)
// and, for region DE, national 0…, written with digits, spaces, dashes, slashes and parentheses only. It decides
// exactly as libphonenumber would, with libphonenumber's own metadata and its getNumberType algorithm, only with the
// patterns compiled once (libphonenumber compiles a RegExp per test, twice per number: isValid and getType). Anything
// it cannot decide with certainty (another country, a leading 00, an unusual length, other characters) is left to
// libphonenumber: `undefined`. lib/__tests__/phone-de.test.ts compares both on many real-shaped numbers.
import { Metadata, type NumberType } from 'libphonenumber-js/max';

type Classifier = { possibleLengths: readonly number[]; general: RegExp; classify(nsn: string): NumberType | undefined };

/** getNumberType (libphonenumber-js/source/helpers/getNumberType.js) for one numbering plan, patterns compiled once. */
function classifier(country: 'DE'): Classifier | null {
  const md = new Metadata() as Metadata & {
    nationalPrefixForParsing(): string | undefined;
    nationalPrefixTransformRule(): string | undefined;
    nationalNumberPattern(): string;
    possibleLengths(): number[] | undefined;
    hasTypes(): boolean;
    type(t: string): { pattern(): string; possibleLengths(): number[] | undefined } | undefined;
  };
  md.selectNumberingPlan(country);
  // The fast path strips one leading 0 as the national prefix: only sound while that is the plan's whole rule.
  if (md.nationalPrefixForParsing() !== '0' || md.nationalPrefixTransformRule() || !md.hasTypes()) return null;
  const whole = (p: string) => new RegExp(`^(?:${p})$`);
  const general = whole(md.nationalNumberPattern());
  const typeTest = (t: string): ((nsn: string) => boolean) | null => {
    const def = md.type(t);
    if (!def || !def.pattern()) return null;
    const lengths = def.possibleLengths();
    const re = whole(def.pattern());
    return (nsn) => (!lengths || lengths.includes(nsn.length)) && re.test(nsn);
  };
  const fixed = typeTest('FIXED_LINE');
  const mobileDef = md.type('MOBILE');
  const mobile = typeTest('MOBILE');
  const others = (['MOBILE', 'PREMIUM_RATE', 'TOLL_FREE', 'SHARED_COST', 'VOIP', 'PERSONAL_NUMBER', 'PAGER', 'UAN', 'VOICEMAIL'] as const).flatMap((t) => {
    const test = typeTest(t);
    return test ? [{ t, test }] : [];
  });
  return {
    possibleLengths: md.possibleLengths() ?? [],
    general,
    classify(nsn) {
      if (!general.test(nsn)) return undefined;
      if (fixed?.(nsn)) {
        if (!mobileDef || mobileDef.pattern() === '' || mobile?.(nsn)) return 'FIXED_LINE_OR_MOBILE';
        return 'FIXED_LINE';
      }
      for (const o of others) if (o.test(nsn)) return o.t;
      return undefined;
    },
  };
}

const DE = classifier('DE');
/** Only these characters (PHONE_CHARS of lib/phone.ts without the dot), and at least one digit. */
const SIMPLE = /^\+?[0-9 ()/-]*[0-9][0-9 ()/-]*$/;

/**
 * The national significant number of a German number in a simple notation, as libphonenumber would extract it, and
 * its type; undefined when this path cannot decide. `input` is trimmed and at most PHONE_INPUT_MAX long.
 */
export function germanNumberType(input: string, region: string): { nsn: string; type: NumberType | undefined } | undefined {
  if (!DE || !SIMPLE.test(input)) return undefined;
  const digits = input.replace(/[^0-9]/g, '');
  let nsn: string;
  if (input.startsWith('+')) {
    if (!digits.startsWith('49')) return undefined;
    nsn = digits.slice(2);
    if (nsn.startsWith('0')) nsn = nsn.slice(1); // +49 (0)171 …: the national prefix written after the country code
  } else {
    // National notation: a leading 00 would be an international call prefix, no 0 may be a number without prefix.
    if (region !== 'DE' || digits[0] !== '0') return undefined;
    nsn = digits.slice(1);
  }
  // extractNationalNumber keeps the 0 when the rest has an impossible length, or when the digits with the 0 fit the
  // plan's pattern and without it do not: leave those to libphonenumber.
  if (!/^[1-9]/.test(nsn) || !DE.possibleLengths.includes(nsn.length)) return undefined;
  if (DE.general.test(`0${nsn}`) && !DE.general.test(nsn)) return undefined;
  return { nsn, type: DE.classify(nsn) };
}
