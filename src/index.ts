import './define.js';

export { ParleyComments } from './parley-comments.js';
export { ParleyReplyForm } from './reply-form/parley-reply-form.js';
export { ParleyEditForm } from './reply-form/parley-edit-form.js';
export { ParleyCount } from './count/parley-count.js';
export { MemoryAdapter, type MemoryAdapterOptions } from './adapters/memory-adapter.js';
export { RestAdapter, RestAdapterError, type RestAdapterOptions } from './adapters/rest-adapter.js';
export { AdapterError, type AdapterErrorCode } from './adapters/adapter-error.js';
export type { RequestOptions } from './adapters/request.js';
export type {
  AdapterCapabilities,
  ChangeOptions,
  CommentAdapter,
  CommentChange,
  CommentAuthor,
  CommentPage,
  CommentRecord,
  CountOptions,
  CreateOptions,
  ListOptions,
  NewComment,
  SortOrder,
} from './adapters/types.js';
export type { ParleyEventDetails } from './events.js';
export type { ParleyStrings } from './i18n/strings.js';
export { en as englishStrings } from './i18n/strings.js';
export type { Draft, DraftStore } from './drafts/draft-store.js';
export type { CommentSecret, SecretStore } from './drafts/secret-store.js';
export { formats, type BodyFormat } from './comment/formats.js';
