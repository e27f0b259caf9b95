/**
 * What both stores share for the moderation page: the interface its store methods
 * follow, their limits, and the row → entry mappings.
 *
 * @typedef {'published' | 'pending' | 'spam' | 'rejected'} ModerationStatus
 *
 * @typedef {object} ModerationEntry A comment as the moderation page shows it: every field,
 *   e-mail and IP included (the owner's eyes only).
 * @property {number} seq
 * @property {string} thread
 * @property {string} id
 * @property {string | null} parentId
 * @property {{ name: string, email?: string, url?: string }} author
 * @property {string | null} ip
 * @property {string} body
 * @property {string} createdAt
 * @property {ModerationStatus} status
 * @property {string | null} spamReason The spam check that caught or held it (server/spam.mjs), or null.
 *
 * @typedef {{ seq: number, at: string, actor: string, action: string,
 *   target: string | null, detail: string | null }} AuditEntry
 *
 * @typedef {{ idHash: string, csrf: string, createdAt: string, expiresAt: string }} AdminSession
 *
 * @typedef {object} ModerationStore Methods both stores add (awaited, as the rest).
 * @property {(options: { status?: ModerationStatus | null, thread?: string | null, id?: string | null,
 *   beforeSeq?: number | null, limit: number }) => ModerationEntry[] | Promise<ModerationEntry[]>} moderationList
 *   Newest first; `beforeSeq` pages back; `id` picks one comment (the link in an owner's mail).
 * @property {() => string[] | Promise<string[]>} moderationThreads Thread keys holding
 *   comments, at most MAX_LISTED_THREADS, in order.
 * @property {(ids: string[], status: ModerationStatus) => string[] | Promise<string[]>} setStatus
 *   The ids found (and now in `status`).
 * @property {(ids: string[]) => string[] | Promise<string[]>} deleteComments Removes the
 *   comments and every reply under them; the ids removed.
 * @property {(session: AdminSession, maxSessions: number) => void | Promise<void>} createSession
 *   Stores a session, dropping expired ones and, past `maxSessions`, the oldest.
 * @property {(idHash: string, now: string) => AdminSession | null | Promise<AdminSession | null>} findSession
 * @property {(idHash: string) => void | Promise<void>} deleteSession
 * @property {() => void | Promise<void>} deleteAllSessions Signs everyone out.
 * @property {(entry: Omit<AuditEntry, 'seq' | 'at'> & { at?: string }) => void | Promise<void>} audit
 * @property {(options: { limit: number, beforeSeq?: number | null }) => AuditEntry[] | Promise<AuditEntry[]>} auditLog
 *   Newest first.
 */

/** The states a comment can be put in from the moderation page. */
export const MODERATION_STATUSES = Object.freeze(['published', 'pending', 'spam', 'rejected']);
/** Thread keys the filter offers. */
export const MAX_LISTED_THREADS = 1000;
/** Comments one action may name. */
export const MAX_ACTION_IDS = 200;

/** @returns {ModerationEntry} */
export function toModerationEntry(row) {
  /** @type {ModerationEntry['author']} */
  const author = { name: row.author_name };
  if (row.author_email) author.email = row.author_email;
  if (row.author_url) author.url = row.author_url;
  return {
    seq: Number(row.seq),
    thread: row.thread,
    id: row.id,
    parentId: row.parent_id,
    author,
    ip: row.author_ip ?? null,
    body: row.body,
    createdAt: typeof row.created_at === 'string' ? row.created_at : new Date(row.created_at).toISOString(),
    status: row.status,
    spamReason: row.spam_reason ?? null,
  };
}

/** @returns {AuditEntry} */
export function toAuditEntry(row) {
  return {
    seq: Number(row.seq),
    at: row.at,
    actor: row.actor,
    action: row.action,
    target: row.target ?? null,
    detail: row.detail ?? null,
  };
}

/** @returns {AdminSession} */
export function toSession(row) {
  return { idHash: row.id_hash, csrf: row.csrf, createdAt: row.created_at, expiresAt: row.expires_at };
}

/**
 * The rows to remove with `roots`: each and, through parent ids, every reply under it.
 *
 * @template {{ id: string, parent_id: string | null, root_seq: number }} R
 * @param {R[]} roots The rows named.
 * @param {(row: R) => R[]} family Every row of the same conversation (same root_seq).
 * @returns {R[]}
 */
export function withReplies(roots, family) {
  const out = new Map(roots.map((row) => [row.id, row]));
  const done = new Set();
  for (const root of roots) {
    if (done.has(Number(root.root_seq))) continue;
    done.add(Number(root.root_seq));
    /** @type {Map<string, R[]>} parent id → replies */
    const children = new Map();
    for (const row of family(root)) {
      if (row.parent_id === null) continue;
      const list = children.get(row.parent_id);
      if (list) list.push(row);
      else children.set(row.parent_id, [row]);
    }
    // A walk down from every named row of this conversation: linear in its size.
    const stack = roots.filter((row) => Number(row.root_seq) === Number(root.root_seq));
    while (stack.length > 0) {
      for (const child of children.get(stack.pop().id) ?? []) {
        if (out.has(child.id)) continue;
        out.set(child.id, child);
        stack.push(child);
      }
    }
  }
  return [...out.values()];
}

/**
 * Whether removing `row` must leave a placeholder: some comment anywhere under it is
 * published or waiting for moderation. Not only its direct replies: a published reply
 * under a reply caught as spam still needs the thread's shape, and a pending reply was
 * acknowledged to its author, so neither may go with its ancestor. Only what is spam,
 * rejected or a placeholder itself goes with it.
 *
 * @template {{ id: string, parent_id: string | null, root_seq: number, status: string, deleted: unknown }} R
 * @param {R} row
 * @param {R[]} family Every row of the same conversation (same root_seq).
 */
export function keepsPlaceholder(row, family) {
  return withReplies([row], () => family).some(
    (r) => r.id !== row.id && !r.deleted && (r.status === 'published' || r.status === 'pending'),
  );
}
