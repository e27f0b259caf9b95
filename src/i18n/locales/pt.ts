import { plural } from '../plural.js';
import type { MarkdownStrings, ParleyStrings } from '../strings.js';

const L = 'pt';

/** Portuguese as written in Brazil, where most of its readers are; readers are "você". */
const pt: ParleyStrings & MarkdownStrings = {
  count: (n, locale) =>
    n === 0 ? 'Nenhum comentário ainda' : plural(locale, n, { one: '# comentário', many: '# de comentários', other: '# comentários' }),
  title: 'Comentários',
  loading: 'Carregando comentários…',
  loaded: (n, locale) =>
    plural(locale, n, { one: '# comentário carregado', many: '# de comentários carregados', other: '# comentários carregados' }),
  loadFailed: 'Não foi possível carregar os comentários.',
  retry: 'Tentar novamente',
  loadMore: 'Carregar mais comentários',
  loadingMore: 'Carregando mais comentários…',
  reply: 'Responder',
  replyTo: (name) => `Responder a ${name}`,
  inReplyTo: (name) => `em resposta a ${name}`,
  pending: 'aguardando moderação',
  showMore: 'Continuar lendo',
  newCommentForm: 'Escreva um comentário',
  commentLabel: 'Seu comentário',
  nameLabel: 'Nome',
  emailLabel: 'E-mail (nunca é exibido)',
  urlLabel: 'Site',
  required: 'obrigatório',
  fieldMissing: {
    name: 'Informe seu nome.',
    email: 'Informe seu endereço de e-mail. Ele nunca é exibido.',
    url: 'Informe seu site.',
  },
  notifyReplies: 'Avisar-me das respostas por e-mail',
  emailInvalid: 'Isso não parece um endereço de e-mail (nome@exemplo.com).',
  urlInvalid: 'O endereço de um site começa com http:// ou https://.',
  postComment: 'Publicar comentário',
  postReply: 'Publicar resposta',
  cancel: 'Cancelar',
  posting: 'Publicando…',
  posted: 'Comentário publicado',
  postedPending: 'Seu comentário está aguardando moderação',
  emptyBody: 'Escreva seu comentário antes de publicar.',
  tooLong: (max) =>
    plural(L, max, {
      one: 'Seu comentário tem mais de # caractere. Encurte o texto, por favor.',
      other: 'Seu comentário tem mais de # caracteres. Encurte o texto, por favor.',
    }),
  charactersLeft: (n) =>
    n >= 0
      ? plural(L, n, { one: 'Resta # caractere', other: 'Restam # caracteres' })
      : plural(L, -n, { one: '# caractere a mais', other: '# caracteres a mais' }),
  postFailed: (reason) => `Seu comentário não foi publicado: ${reason} Seu texto foi mantido; tente novamente.`,
  timeout: 'O servidor de comentários não respondeu a tempo.',
  offline: 'Você está sem conexão.',
  unknownError: 'Algo deu errado.',
  unreachable: 'Não foi possível acessar o servidor de comentários.',
  tooFast: 'Você está publicando rápido demais. Aguarde um momento.',
  rateLimited: 'Muitos comentários foram publicados a partir da sua conexão. Aguarde alguns minutos.',
  duplicate: 'Você já publicou este comentário.',
  emailRequired: 'Este site pede seu endereço de e-mail.',
  nameRequired: 'Este site pede seu nome.',
  tooManyReplies: 'Este comentário não aceita mais respostas.',
  deleted: 'Comentário excluído',
  replyDraft: 'Responder (rascunho salvo)',
  replyToDraft: (name) => `Responder a ${name} (rascunho salvo)`,
  copyLink: 'Copiar link',
  copyLinkTo: (name) => `Copiar link do comentário de ${name}`,
  linkCopied: 'Link copiado',
  linkField: 'Link para este comentário',
  notFound: 'O comentário do link não está mais nesta conversa.',
  hideReplies: 'Ocultar respostas',
  showReplies: (n) => plural(L, n, { one: 'Mostrar # resposta', other: 'Mostrar # respostas' }),
  hideRepliesTo: (name) => `Ocultar respostas a ${name}`,
  showRepliesTo: (n, name) => plural(L, n, { one: 'Mostrar # resposta a {name}', other: 'Mostrar # respostas a {name}' }, name),
  moreReplies: (n) => plural(L, n, { one: 'Mostrar mais # resposta', other: 'Mostrar mais # respostas' }),
  sortLabel: 'Ordenar comentários',
  oldestFirst: 'Mais antigos primeiro',
  newestFirst: 'Mais recentes primeiro',
  showComments: 'Mostrar comentários',
  draftRestored: 'Rascunho restaurado',
  draftsOff: 'No momento, este navegador não consegue salvar rascunhos: mantenha esta aba aberta até publicar.',
  confirmClose: 'Pressione Esc de novo para fechar esta resposta. Seu rascunho será mantido.',
  anonymous: 'Anônimo',
  markdownSwitch: 'Markdown: escrever ou pré-visualizar',
  markdownWrite: 'Escrever',
  markdownPreview: 'Pré-visualizar',
  markdownEmpty: 'Ainda não há nada para pré-visualizar.',
};

export default pt;
