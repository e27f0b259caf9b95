import { importLocale } from './locale-modules.js';
import { en, type ParleyStrings } from './strings.js';

/** The built-in locales besides English, each a module of its own (`./locales/`). */
export const LOCALES = ['de', 'fr', 'es', 'pt', 'it', 'ru', 'uk', 'zh', 'ja', 'ar', 'he'];

/**
 * The built-in locale that fits a BCP 47 tag best: `pt-BR` → `pt`, `iw` → `he`,
 * `zh-CN` → `zh`; English for a tag none fits. Chinese in traditional characters
 * (`zh-Hant`, and `zh-TW`, `zh-HK`, `zh-MO`, where they are the default) gets English,
 * as CLDR's fallback would, not simplified characters.
 */
export function builtInLocale(tag: string): string {
  const lang = tag.toLowerCase().split(/[-_]/)[0];
  if (lang === 'iw') return 'he';
  // Written here rather than through Intl.Locale's maximize(): fewer bytes in the core.
  if (/-hant|^zh[-_](tw|hk|mo)\b/i.test(tag)) return 'en';
  return LOCALES.includes(lang) ? lang : 'en';
}

/** Whether a tag's built-in locale is written right to left. */
export const rightToLeft = (tag: string): boolean => /^(ar|he|iw)([-_]|$)/i.test(tag);

/** An element's locale: its own `locale`, else the nearest `lang`, else the browser's. */
export const localeOf = (el: Element, own?: string | null): string =>
  usableTag(own || (el.closest('[lang]') as HTMLElement | null)?.lang || document.documentElement.lang || navigator.language);

/**
 * The tag when `Intl` takes it, else English: `lang="C"` (what some tools write) or a typo
 * would make every `Intl` constructor throw and the widget with it.
 */
export function usableTag(tag: string | null | undefined): string {
  try {
    return (tag && Intl.getCanonicalLocales(tag)[0]) || 'en';
  } catch {
    return 'en';
  }
}

/** Each locale's words once loaded, or the promise of them. */
const cache = new Map<string, ParleyStrings | Promise<unknown>>([['en', en]]);

/**
 * The words of a tag's built-in locale when they are here. Otherwise undefined: the
 * module is asked for (once per page) and `arrived` is called once it is in. A module
 * that cannot be loaded leaves that locale English.
 */
export function localeWords(tag: string, arrived: () => void): ParleyStrings | undefined {
  const name = builtInLocale(tag);
  let words = cache.get(name);
  if (!words) {
    words = importLocale(name).then(
      (module) => cache.set(name, module.default),
      () => cache.set(name, en),
    );
    cache.set(name, words);
  }
  if (!(words instanceof Promise)) return words;
  void words.then(arrived);
  return undefined;
}

/** The words an element shows, in the locale it uses; `due` while that locale loads. */
export interface Words {
  readonly strings: ParleyStrings;
  readonly locale: string;
  readonly due: boolean;
}

/**
 * The words of an element: its locale's (English until they arrive; `arrived` is called
 * then), with the page's own `strings` over them, key by key.
 */
export function wordsOf(el: Element, own: string | null | undefined, strings: Partial<ParleyStrings>, arrived: () => void): Words {
  const locale = localeOf(el, own);
  const words = localeWords(locale, arrived);
  return { strings: { ...en, ...words, ...strings }, locale, due: !words };
}
