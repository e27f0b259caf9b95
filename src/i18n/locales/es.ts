import { plural } from '../plural.js';
import type { MarkdownStrings, ParleyStrings } from '../strings.js';

const L = 'es';

/** Spanish, for Spain and Latin America alike. Readers are addressed with "tú". */
const es: ParleyStrings & MarkdownStrings = {
  count: (n, locale) =>
    n === 0 ? 'Todavía no hay comentarios' : plural(locale, n, { one: '# comentario', many: '# de comentarios', other: '# comentarios' }),
  title: 'Comentarios',
  loading: 'Cargando comentarios…',
  loaded: (n, locale) =>
    plural(locale, n, { one: '# comentario cargado', many: '# de comentarios cargados', other: '# comentarios cargados' }),
  loadFailed: 'No se pudieron cargar los comentarios.',
  retry: 'Reintentar',
  loadMore: 'Cargar más comentarios',
  loadingMore: 'Cargando más comentarios…',
  reply: 'Responder',
  replyTo: (name) => `Responder a ${name}`,
  inReplyTo: (name) => `en respuesta a ${name}`,
  pending: 'pendiente de moderación',
  showMore: 'Seguir leyendo',
  newCommentForm: 'Escribe un comentario',
  commentLabel: 'Tu comentario',
  nameLabel: 'Nombre',
  emailLabel: 'Correo electrónico (nunca se muestra)',
  urlLabel: 'Sitio web',
  required: 'obligatorio',
  fieldMissing: {
    name: 'Escribe tu nombre.',
    email: 'Escribe tu dirección de correo electrónico. Nunca se muestra.',
    url: 'Escribe la dirección de tu sitio web.',
  },
  notifyReplies: 'Avisarme de las respuestas por correo electrónico',
  emailInvalid: 'Eso no parece una dirección de correo electrónico (nombre@ejemplo.com).',
  urlInvalid: 'La dirección de un sitio web empieza por http:// o https://.',
  postComment: 'Publicar comentario',
  postReply: 'Publicar respuesta',
  cancel: 'Cancelar',
  posting: 'Publicando…',
  posted: 'Comentario publicado',
  postedPending: 'Tu comentario está pendiente de moderación',
  emptyBody: 'Escribe tu comentario antes de publicarlo.',
  tooLong: (max) =>
    plural(L, max, {
      one: 'Tu comentario supera # carácter. Acórtalo, por favor.',
      other: 'Tu comentario supera los # caracteres. Acórtalo, por favor.',
    }),
  charactersLeft: (n) =>
    n >= 0
      ? plural(L, n, { one: 'Queda # carácter', other: 'Quedan # caracteres' })
      : plural(L, -n, { one: 'Sobra # carácter', other: 'Sobran # caracteres' }),
  postFailed: (reason) => `Tu comentario no se ha publicado: ${reason} Tu texto se conserva; inténtalo de nuevo.`,
  timeout: 'El servidor de comentarios no respondió a tiempo.',
  offline: 'No tienes conexión.',
  unknownError: 'Algo ha fallado.',
  unreachable: 'No se pudo conectar con el servidor de comentarios.',
  tooFast: 'Estás publicando demasiado rápido. Espera un momento.',
  rateLimited: 'Se han publicado demasiados comentarios desde tu conexión. Espera unos minutos.',
  duplicate: 'Ya has publicado este comentario.',
  emailRequired: 'Este sitio pide tu dirección de correo electrónico.',
  nameRequired: 'Este sitio pide tu nombre.',
  tooManyReplies: 'Este comentario ya no admite más respuestas.',
  deleted: 'Comentario eliminado',
  replyDraft: 'Responder (borrador guardado)',
  replyToDraft: (name) => `Responder a ${name} (borrador guardado)`,
  copyLink: 'Copiar enlace',
  copyLinkTo: (name) => `Copiar enlace al comentario de ${name}`,
  linkCopied: 'Enlace copiado',
  linkField: 'Enlace a este comentario',
  notFound: 'El comentario enlazado ya no está en esta conversación.',
  hideReplies: 'Ocultar respuestas',
  showReplies: (n) => plural(L, n, { one: 'Ver # respuesta', other: 'Ver # respuestas' }),
  hideRepliesTo: (name) => `Ocultar respuestas a ${name}`,
  showRepliesTo: (n, name) => plural(L, n, { one: 'Ver # respuesta a {name}', other: 'Ver # respuestas a {name}' }, name),
  moreReplies: (n) => plural(L, n, { one: 'Ver # respuesta más', other: 'Ver # respuestas más' }),
  sortLabel: 'Ordenar comentarios',
  oldestFirst: 'Más antiguos primero',
  newestFirst: 'Más recientes primero',
  showComments: 'Ver comentarios',
  draftRestored: 'Borrador recuperado',
  draftsOff: 'Ahora mismo este navegador no puede guardar borradores: mantén esta pestaña abierta hasta que publiques.',
  confirmClose: 'Pulsa Esc otra vez para cerrar esta respuesta. Tu borrador se conserva.',
  anonymous: 'Anónimo',
  markdownSwitch: 'Markdown: escribir o vista previa',
  markdownWrite: 'Escribir',
  markdownPreview: 'Vista previa',
  markdownEmpty: 'Aún no hay nada que previsualizar.',
};

export default es;
