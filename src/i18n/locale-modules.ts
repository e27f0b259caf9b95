import type { ParleyStrings } from './strings.js';

/**
 * A built-in locale's module. Each `import()` names its file, so rollup (and an app's
 * bundler) makes each locale a chunk of its own, fetched only when a widget needs it.
 * The script-tag build swaps this module for `locale-urls.ts` (rollup.config.mjs).
 */
export const importLocale = (name: string): Promise<{ default: ParleyStrings }> =>
  ((
    {
      de: () => import('./locales/de.js'),
      fr: () => import('./locales/fr.js'),
      es: () => import('./locales/es.js'),
      pt: () => import('./locales/pt.js'),
      it: () => import('./locales/it.js'),
      ru: () => import('./locales/ru.js'),
      uk: () => import('./locales/uk.js'),
      zh: () => import('./locales/zh.js'),
      ja: () => import('./locales/ja.js'),
      ar: () => import('./locales/ar.js'),
      he: () => import('./locales/he.js'),
    } as Record<string, () => Promise<{ default: ParleyStrings }>>
  )[name]());
