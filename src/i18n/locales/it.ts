import { plural } from '../plural.js';
import type { ParleyStrings } from '../strings.js';

const L = 'it';

/** Italian. Readers are addressed with "tu", as most Italian blogs do. */
const it: ParleyStrings = {
  count: (n, locale) =>
    n === 0 ? 'Ancora nessun commento' : plural(locale, n, { one: '# commento', many: '# di commenti', other: '# commenti' }),
  title: 'Commenti',
  loading: 'Caricamento dei commenti…',
  loaded: (n, locale) => plural(locale, n, { one: '# commento caricato', many: '# di commenti caricati', other: '# commenti caricati' }),
  loadFailed: 'Non è stato possibile caricare i commenti.',
  retry: 'Riprova',
  loadMore: 'Carica altri commenti',
  loadingMore: 'Caricamento di altri commenti…',
  reply: 'Rispondi',
  replyTo: (name) => `Rispondi a ${name}`,
  inReplyTo: (name) => `in risposta a ${name}`,
  pending: 'in attesa di moderazione',
  showMore: 'Continua a leggere',
  newCommentForm: 'Scrivi un commento',
  commentLabel: 'Il tuo commento',
  nameLabel: 'Nome',
  emailLabel: 'Email (non verrà mai mostrata)',
  urlLabel: 'Sito web',
  required: 'obbligatorio',
  fieldMissing: {
    name: 'Inserisci il tuo nome.',
    email: 'Inserisci il tuo indirizzo email. Non verrà mai mostrato.',
    url: 'Inserisci il tuo sito web.',
  },
  notifyReplies: 'Avvisami delle risposte via email',
  emailInvalid: 'Questo non sembra un indirizzo email (nome@esempio.it).',
  urlInvalid: 'L’indirizzo di un sito web inizia con http:// o https://.',
  postComment: 'Pubblica commento',
  postReply: 'Pubblica risposta',
  cancel: 'Annulla',
  posting: 'Pubblicazione in corso…',
  posted: 'Commento pubblicato',
  postedPending: 'Il tuo commento è in attesa di moderazione',
  emptyBody: 'Scrivi il tuo commento prima di pubblicarlo.',
  tooLong: (max) =>
    plural(L, max, {
      one: 'Il tuo commento supera # carattere. Accorcialo, per favore.',
      other: 'Il tuo commento supera i # caratteri. Accorcialo, per favore.',
    }),
  charactersLeft: (n) =>
    n >= 0
      ? plural(L, n, { one: 'Resta # carattere', other: 'Restano # caratteri' })
      : plural(L, -n, { one: '# carattere di troppo', other: '# caratteri di troppo' }),
  postFailed: (reason) => `Il tuo commento non è stato pubblicato: ${reason} Il testo è stato conservato; riprova.`,
  timeout: 'Il server dei commenti non ha risposto in tempo.',
  offline: 'Nessuna connessione a Internet.',
  unknownError: 'Qualcosa è andato storto.',
  unreachable: 'Impossibile raggiungere il server dei commenti.',
  tooFast: 'Stai pubblicando troppo in fretta. Attendi un momento.',
  rateLimited: 'Dalla tua connessione sono stati pubblicati troppi commenti. Attendi qualche minuto.',
  duplicate: 'Hai già pubblicato questo commento.',
  emailRequired: 'Questo sito richiede il tuo indirizzo email.',
  nameRequired: 'Questo sito richiede il tuo nome.',
  tooManyReplies: 'Questo commento non può ricevere altre risposte.',
  deleted: 'Commento eliminato',
  replyDraft: 'Rispondi (bozza salvata)',
  replyToDraft: (name) => `Rispondi a ${name} (bozza salvata)`,
  copyLink: 'Copia link',
  copyLinkTo: (name) => `Copia link del commento di ${name}`,
  linkCopied: 'Link copiato',
  linkField: 'Link a questo commento',
  notFound: 'Il commento del link non fa più parte di questa discussione.',
  hideReplies: 'Nascondi risposte',
  showReplies: (n) => plural(L, n, { one: 'Mostra # risposta', other: 'Mostra # risposte' }),
  hideRepliesTo: (name) => `Nascondi risposte a ${name}`,
  showRepliesTo: (n, name) => plural(L, n, { one: 'Mostra # risposta a {name}', other: 'Mostra # risposte a {name}' }, name),
  moreReplies: (n) => plural(L, n, { one: 'Mostra # altra risposta', other: 'Mostra altre # risposte' }),
  sortLabel: 'Ordina i commenti',
  oldestFirst: 'Prima i meno recenti',
  newestFirst: 'Prima i più recenti',
  showComments: 'Mostra i commenti',
  draftRestored: 'Bozza ripristinata',
  draftsOff: 'Al momento questo browser non può salvare le bozze: tieni aperta questa scheda finché non pubblichi.',
  confirmClose: 'Premi di nuovo Esc per chiudere questa risposta. La bozza viene conservata.',
  anonymous: 'Anonimo',
};

export default it;
