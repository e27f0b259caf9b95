import './define.js';

export { ParleyComments } from './parley-comments.js';
export { ParleyReplyForm } from './reply-form/parley-reply-form.js';
export { MemoryAdapter, type MemoryAdapterOptions } from './adapters/memory-adapter.js';
export { RestAdapter, RestAdapterError, type RestAdapterOptions } from './adapters/rest-adapter.js';
export { AdapterError, type AdapterErrorCode } from './adapters/adapter-error.js';
export type { RequestOptions } from './adapters/request.js';
export type {
  CommentAdapter,
  CommentAuthor,
  CommentPage,
  CommentRecord,
  CreateOptions,
  ListOptions,
  NewComment,
} from './adapters/types.js';
export type { ParleyEventDetails } from './events.js';
export type { ParleyStrings } from './i18n/strings.js';
export { en as englishStrings } from './i18n/strings.js';
export { buildTree, type CommentNode, type CommentTree } from './thread/tree.js';
export type { Draft, DraftStore } from './drafts/draft-store.js';
