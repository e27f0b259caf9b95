import { expect } from '@open-wc/testing';
import { builtInLocale, LOCALES, rightToLeft } from '../../src/i18n/locale.js';
import { plural } from '../../src/i18n/plural.js';
import type { ParleyStrings } from '../../src/i18n/strings.js';

const load = async (name: string): Promise<ParleyStrings> => ((await import(`../../src/i18n/locales/${name}.ts`)) as { default: ParleyStrings }).default;
const num = (locale: string, n: number) => new Intl.NumberFormat(locale).format(n);

describe('i18n: choosing a built-in locale', () => {
  it('picks the built-in locale a BCP 47 tag names, and English for the rest', () => {
    const cases: [string, string][] = [
      ['de', 'de'], ['de-AT', 'de'], ['DE-ch', 'de'], ['fr-CA', 'fr'], ['es-419', 'es'], ['es_MX', 'es'],
      ['pt-BR', 'pt'], ['pt-PT', 'pt'], ['it-CH', 'it'], ['ru-RU', 'ru'], ['uk-UA', 'uk'],
      ['zh', 'zh'], ['zh-CN', 'zh'], ['zh-Hans', 'zh'], ['zh-Hans-TW', 'zh'], ['zh-SG', 'zh'],
      // Traditional characters: not the simplified module (CLDR's fallback is root).
      ['zh-TW', 'en'], ['zh-Hant', 'en'], ['zh-HK', 'en'],
      ['ja-JP', 'ja'], ['ar', 'ar'], ['ar-EG', 'ar'], ['he-IL', 'he'], ['iw', 'he'], ['iw-IL', 'he'],
      ['en', 'en'], ['en-GB', 'en'], ['sv-SE', 'en'], ['', 'en'], ['x-klingon', 'en'], ['zh_TW', 'en'], ['zh-Hant-CN', 'en'],
    ];
    for (const [tag, name] of cases) expect(builtInLocale(tag), tag).to.equal(name);
  });

  it('knows which tags are written right to left', () => {
    for (const tag of ['ar', 'ar-SA', 'he', 'HE-il', 'iw']) expect(rightToLeft(tag), tag).to.equal(true);
    for (const tag of ['en', 'arn', 'de', 'her', 'zh']) expect(rightToLeft(tag), tag).to.equal(false);
  });

  it('has a module for every built-in locale, each with every key English has', async () => {
    const { en } = await import('../../src/i18n/strings.js');
    // English's markdown words ride in the markdown add-on, not the core; a locale module
    // carries them beside the rest.
    const { markdownEn } = await import('../../src/i18n/markdown-strings.js');
    const english = { ...en, ...markdownEn };
    for (const name of LOCALES) {
      const words = await load(name);
      expect(Object.keys(words).sort(), name).to.deep.equal(Object.keys(english).sort());
      expect(Object.keys(words.fieldMissing).sort(), name).to.deep.equal(Object.keys(en.fieldMissing).sort());
    }
  });
});

/**
 * The words a speech-input user says to press a button, as axe's label-content-name-mismatch
 * reads them: no bracketed part, no punctuation, split at spaces.
 */
const spoken = (text: string) =>
  text
    .normalize('NFKD')
    .replace(/\([^()]*\)/g, '')
    .replace(/[\p{P}\p{S}]/gu, ' ')
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean);
const within = (label: string, name: string) => {
  const [l, n] = [spoken(label), spoken(name)];
  return n.some((_, i) => l.every((word, j) => n[i + j] === word));
};

describe('i18n: accessible names hold the visible words (WCAG 2.5.3 Label in Name)', () => {
  it('every locale: Reply, Copy link and the fold button, for any count', async () => {
    const { en } = await import('../../src/i18n/strings.js');
    for (const name of ['en', ...LOCALES]) {
      const w = name === 'en' ? en : await load(name);
      const pairs: [string, string][] = [
        [w.reply, w.replyTo('Ada Lovelace')],
        [w.replyDraft, w.replyToDraft('Ada Lovelace')],
        [w.copyLink, w.copyLinkTo('Ada Lovelace')],
        [w.hideReplies, w.hideRepliesTo('Ada Lovelace')],
        ...[1, 2, 3, 5, 11, 21, 100].map((n): [string, string] => [w.showReplies(n), w.showRepliesTo(n, 'Ada Lovelace')]),
      ];
      for (const [label, accessible] of pairs) expect(within(label, accessible), `${name}: "${label}" in "${accessible}"`).to.equal(true);
    }
  });
});

describe('i18n: plural forms through Intl.PluralRules', () => {
  it('writes the number the locale way and keeps a name that holds a #', () => {
    expect(plural('de', 1234, { one: '# Kommentar', other: '# Kommentare' })).to.equal('1.234 Kommentare');
    expect(plural('en', 2, { other: '# for {name}' }, '#1 $& fan')).to.equal('2 for #1 $& fan');
  });

  it('Russian and Ukrainian: one, few, many', async () => {
    const ru = await load('ru');
    expect([1, 2, 5, 11, 21, 22, 25, 111].map((n) => ru.count(n, 'ru'))).to.deep.equal([
      '1 комментарий', '2 комментария', '5 комментариев', '11 комментариев', '21 комментарий', '22 комментария', '25 комментариев', '111 комментариев',
    ]);
    expect(ru.loaded(21, 'ru')).to.equal('Загружен 21 комментарий');
    expect(ru.moreReplies(3)).to.equal('Показать ещё 3 ответа');
    expect(ru.charactersLeft(-5)).to.equal('5 лишних символов');
    const uk = await load('uk');
    expect([1, 3, 5, 21, 12].map((n) => uk.count(n, 'uk'))).to.deep.equal(['1 коментар', '3 коментарі', '5 коментарів', '21 коментар', '12 коментарів']);
    expect(uk.showReplies(2)).to.equal('Показати 2 відповіді');
  });

  it('Arabic: zero, one, two, few, many, other, with one and two in words', async () => {
    const ar = await load('ar');
    const n = (v: number) => num('ar', v);
    expect(ar.count(0, 'ar')).to.equal('لا توجد تعليقات بعد');
    expect([1, 2, 3, 11, 100].map((v) => ar.count(v, 'ar'))).to.deep.equal([
      'تعليق واحد', 'تعليقان', `${n(3)} تعليقات`, `${n(11)} تعليقًا`, `${n(100)} تعليق`,
    ]);
    expect(ar.loaded(0, 'ar')).to.equal('لا توجد تعليقات');
    expect(ar.showReplies(2)).to.equal('عرض ردّين');
  });

  it('Hebrew: one and two in words, then the plural', async () => {
    const he = await load('he');
    expect([1, 2, 5].map((v) => he.count(v, 'he'))).to.deep.equal(['תגובה אחת', 'שתי תגובות', '5 תגובות']);
    expect(he.moreReplies(1)).to.equal('הצגת תשובה נוספת');
  });

  it('French: the singular for 0 and 1, and "de" after a million', async () => {
    const fr = await load('fr');
    expect(fr.loaded(0, 'fr')).to.equal('0 commentaire chargé');
    expect(fr.count(1, 'fr')).to.equal('1 commentaire');
    expect(fr.count(2, 'fr')).to.equal('2 commentaires');
    expect(fr.count(1_000_000, 'fr')).to.equal(`${num('fr', 1_000_000)} de commentaires`);
    expect(fr.charactersLeft(1)).to.equal('1 caractère restant');
    // A no-break space before the colon, a narrow one before the semicolon.
    expect(fr.postFailed('X.')).to.match(/publié\u00a0: X\. .*conservé\u202f; réessayez\.$/);
  });

  it('German, Spanish, Italian, Portuguese: one and other', async () => {
    const [de, es, it, pt] = await Promise.all(['de', 'es', 'it', 'pt'].map(load));
    expect([de.count(1, 'de'), de.count(1234, 'de')]).to.deep.equal(['1 Kommentar', '1.234 Kommentare']);
    expect([es.count(1, 'es'), es.count(0, 'es'), es.charactersLeft(1)]).to.deep.equal(['1 comentario', 'Todavía no hay comentarios', 'Queda 1 carácter']);
    expect([it.showReplies(1), it.moreReplies(4)]).to.deep.equal(['Mostra 1 risposta', 'Mostra altre 4 risposte']);
    expect([pt.count(1, 'pt-BR'), pt.count(0, 'pt-BR'), pt.loaded(7, 'pt-PT')]).to.deep.equal(['1 comentário', 'Nenhum comentário ainda', '7 comentários carregados']);
  });

  it('Chinese and Japanese: one form for every number', async () => {
    const [zh, ja] = await Promise.all(['zh', 'ja'].map(load));
    expect([1, 2, 1234].map((v) => zh.count(v, 'zh'))).to.deep.equal(['1 条评论', '2 条评论', '1,234 条评论']);
    expect([1, 2].map((v) => ja.count(v, 'ja'))).to.deep.equal(['1 件のコメント', '2 件のコメント']);
    expect(ja.showRepliesTo(3, 'Ada')).to.equal('3 件の返信を表示（Adaさんのコメント）');
  });
});
