import { plural } from '../plural.js';
import type { MarkdownStrings, ParleyStrings } from '../strings.js';

const L = 'fr';

// French typography: a no-break space before ":" and a narrow one before ";", "!" and "?".

/** French. Readers are addressed with "vous". */
const fr: ParleyStrings & MarkdownStrings = {
  count: (n, locale) =>
    n === 0 ? 'Aucun commentaire pour l’instant' : plural(locale, n, { one: '# commentaire', many: '# de commentaires', other: '# commentaires' }),
  title: 'Commentaires',
  loading: 'Chargement des commentaires…',
  loaded: (n, locale) =>
    plural(locale, n, { one: '# commentaire chargé', many: '# de commentaires chargés', other: '# commentaires chargés' }),
  loadFailed: 'Les commentaires n’ont pas pu être chargés.',
  retry: 'Réessayer',
  loadMore: 'Charger d’autres commentaires',
  loadingMore: 'Chargement d’autres commentaires…',
  reply: 'Répondre',
  replyTo: (name) => `Répondre à ${name}`,
  inReplyTo: (name) => `en réponse à ${name}`,
  pending: 'en attente de modération',
  showMore: 'Lire la suite',
  newCommentForm: 'Écrire un commentaire',
  commentLabel: 'Votre commentaire',
  nameLabel: 'Nom',
  emailLabel: 'Adresse e-mail (jamais affichée)',
  urlLabel: 'Site web',
  required: 'obligatoire',
  fieldMissing: {
    name: 'Veuillez indiquer votre nom.',
    email: 'Veuillez indiquer votre adresse e-mail. Elle n’est jamais affichée.',
    url: 'Veuillez indiquer votre site web.',
  },
  notifyReplies: 'Me prévenir des réponses par e-mail',
  emailInvalid: 'Cette adresse e-mail ne semble pas valide (nom@exemple.fr).',
  urlInvalid: 'L’adresse d’un site web commence par http:// ou https://.',
  postComment: 'Publier le commentaire',
  postReply: 'Publier la réponse',
  cancel: 'Annuler',
  posting: 'Publication en cours…',
  posted: 'Commentaire publié',
  postedPending: 'Votre commentaire est en attente de modération',
  emptyBody: 'Veuillez écrire votre commentaire avant de le publier.',
  tooLong: (max) =>
    plural(L, max, {
      one: 'Votre commentaire dépasse # caractère. Veuillez le raccourcir.',
      other: 'Votre commentaire dépasse # caractères. Veuillez le raccourcir.',
    }),
  charactersLeft: (n) =>
    n >= 0
      ? plural(L, n, { one: '# caractère restant', other: '# caractères restants' })
      : plural(L, -n, { one: '# caractère en trop', other: '# caractères en trop' }),
  postFailed: (reason) => `Votre commentaire n’a pas été publié\u00a0: ${reason} Votre texte est conservé\u202f; réessayez.`,
  timeout: 'Le serveur de commentaires n’a pas répondu à temps.',
  offline: 'Vous êtes hors ligne.',
  unknownError: 'Une erreur s’est produite.',
  unreachable: 'Impossible de joindre le serveur de commentaires.',
  tooFast: 'Vous publiez trop vite. Veuillez patienter un instant.',
  rateLimited: 'Trop de commentaires ont été publiés depuis votre connexion. Veuillez patienter quelques minutes.',
  duplicate: 'Vous avez déjà publié ce commentaire.',
  emailRequired: 'Ce site demande votre adresse e-mail.',
  nameRequired: 'Ce site demande votre nom.',
  tooManyReplies: 'Ce commentaire ne peut plus recevoir de réponses.',
  deleted: 'Commentaire supprimé',
  replyDraft: 'Répondre (brouillon enregistré)',
  replyToDraft: (name) => `Répondre à ${name} (brouillon enregistré)`,
  copyLink: 'Copier le lien',
  copyLinkTo: (name) => `Copier le lien du commentaire de ${name}`,
  linkCopied: 'Lien copié',
  linkField: 'Lien vers ce commentaire',
  notFound: 'Le commentaire indiqué par le lien ne fait plus partie de cette discussion.',
  hideReplies: 'Masquer les réponses',
  showReplies: (n) => plural(L, n, { one: 'Afficher # réponse', other: 'Afficher # réponses' }),
  hideRepliesTo: (name) => `Masquer les réponses à ${name}`,
  showRepliesTo: (n, name) => plural(L, n, { one: 'Afficher # réponse à {name}', other: 'Afficher # réponses à {name}' }, name),
  moreReplies: (n) => plural(L, n, { one: 'Afficher # autre réponse', other: 'Afficher # autres réponses' }),
  sortLabel: 'Trier les commentaires',
  oldestFirst: 'Les plus anciens d’abord',
  newestFirst: 'Les plus récents d’abord',
  showComments: 'Afficher les commentaires',
  draftRestored: 'Brouillon restauré',
  draftsOff:
    'Les brouillons ne peuvent pas être enregistrés dans ce navigateur pour le moment\u00a0: gardez cet onglet ouvert jusqu’à la publication.',
  confirmClose: 'Appuyez de nouveau sur Échap pour fermer cette réponse. Votre brouillon est conservé.',
  edit: 'Modifier',
  editComment: (excerpt) => `Modifier votre commentaire «\u00a0${excerpt}\u00a0»`,
  delete: 'Supprimer',
  deleteComment: (excerpt) => `Supprimer votre commentaire «\u00a0${excerpt}\u00a0»`,
  editForm: 'Modifier votre commentaire',
  save: 'Enregistrer',
  saving: 'Enregistrement en cours…',
  edited: 'Commentaire modifié',
  editedMark: 'modifié',
  editFailed: (reason) => `Votre commentaire n’a pas été modifié\u00a0: ${reason} Votre texte est conservé\u202f; réessayez.`,
  deleteQuestion: 'Supprimer ce commentaire\u202f? Cette action est irréversible.',
  deleteConfirm: 'Oui, supprimer',
  deleteFailed: (reason) => `Votre commentaire n’a pas été supprimé\u00a0: ${reason}`,
  editWindowClosed: 'Le délai pour modifier ce commentaire est écoulé.',
  notYours: 'Ce commentaire ne peut être modifié que depuis le navigateur qui l’a publié.',
  anonymous: 'Anonyme',
  markdownSwitch: 'Markdown\u00a0: écrire ou aperçu',
  markdownWrite: 'Écrire',
  markdownPreview: 'Aperçu',
  markdownEmpty: 'Rien à prévisualiser pour l’instant.',
};

export default fr;
