import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { AdminClient, AdminError, type AuditEntry, type BlockEntry, type ModerationEntry } from './admin-client.js';
import { adminStrings as t, type ModerationAction, type ModerationStatus } from './strings.js';

export type Phase = 'checking' | 'signed-out' | 'signed-in';
/** Where focus goes once the list has been drawn again after an action. */
export type FocusIntent = { kind: 'row'; index: number } | { kind: 'heading' } | { kind: 'token' } | null;

/**
 * Everything the moderation page knows and does: the session, the filter, the list and
 * the selection, the audit log, what to announce and where focus should go. The
 * element draws this and moves focus; it keeps no state of its own.
 */
export class ModerationController implements ReactiveController {
  phase: Phase = 'checking';
  busy = false;
  /** A problem to show (role=alert); '' when none. */
  error = '';
  /** What the live region says after an action. */
  announcement = '';
  filter: { status: ModerationStatus | ''; thread: string } = { status: '', thread: '' };
  /** The filter of the rows shown (the caption's words), which lags `filter` while a list loads. */
  listed: { status: ModerationStatus | ''; thread: string } = this.filter;
  /** The one comment the page's address names (`?comment=ID`, the link in an owner's mail). */
  linked: string | null = new URLSearchParams(location.search).get('comment');
  /** Whether the rows shown are that one comment. */
  showingLinked = false;
  comments: ModerationEntry[] = [];
  next: number | null = null;
  threads: string[] = [];
  audit: AuditEntry[] = [];
  /** The spam blocklist (words, IPs, e-mails), as the server holds it. */
  blocklist: BlockEntry[] = [];
  readonly selected = new Set<string>();
  focus: FocusIntent = null;

  private readonly client: AdminClient;

  constructor(private readonly host: ReactiveControllerHost, base = new URL('./', location.href)) {
    this.client = new AdminClient(base);
    host.addController(this);
  }

  hostConnected(): void {
    void this.run(async () => {
      this.phase = (await this.client.resume()) ? 'signed-in' : 'signed-out';
      if (this.phase === 'signed-in') await this.refresh();
    });
  }

  async signIn(token: string): Promise<void> {
    await this.run(async () => {
      await this.client.signIn(token);
      this.phase = 'signed-in';
      this.announcement = '';
      this.focus = { kind: 'heading' };
      await this.refresh();
    }, () => {
      this.focus = { kind: 'token' };
    });
  }

  async signOut(everywhere = false): Promise<void> {
    await this.run(async () => {
      if (everywhere) await this.client.signOutEverywhere();
      else await this.client.signOut();
      this.reset();
      this.announcement = everywhere ? t.signedOutEverywhere : t.signedOut;
      this.focus = { kind: 'token' };
    });
  }

  async applyFilter(filter: { status: ModerationStatus | ''; thread: string }): Promise<void> {
    this.filter = filter;
    this.dropLinked();
    this.selected.clear();
    await this.run(() => this.refresh());
  }

  /** Leaves the linked comment for the whole list. */
  async showAll(): Promise<void> {
    this.dropLinked();
    await this.run(async () => {
      await this.refresh();
      this.focus = { kind: 'heading' };
    });
  }

  private dropLinked(): void {
    if (this.linked === null) return;
    this.linked = null;
    // A reload then shows the list, not the one comment again.
    history.replaceState(null, '', location.pathname);
  }

  async loadMore(): Promise<void> {
    if (this.next === null) return;
    await this.run(async () => {
      const page = await this.client.list({ ...this.filter, id: this.linked }, this.next);
      this.comments = [...this.comments, ...page.comments];
      this.next = page.next;
    });
  }

  toggle(id: string, on: boolean): void {
    if (on) this.selected.add(id);
    else this.selected.delete(id);
    this.host.requestUpdate();
  }

  toggleAll(on: boolean): void {
    this.selected.clear();
    if (on) for (const c of this.comments) this.selected.add(c.id);
    this.host.requestUpdate();
  }

  /** Acts on one row (`id`) or on the selection; focus then goes to the row in its place. */
  async act(action: ModerationAction, id?: string): Promise<void> {
    const ids = id ? [id] : this.comments.filter((c) => this.selected.has(c.id)).map((c) => c.id);
    if (ids.length === 0) return;
    const index = id ? this.comments.findIndex((c) => c.id === id) : -1;
    await this.run(async () => {
      const result = await this.client.act(action, ids);
      let message = t.done[action](result.done.length);
      const replies = result.removed.length - result.done.length;
      if (action === 'delete' && replies > 0) message += t.deletedReplies(replies);
      if (result.missing.length > 0) message += t.missing(result.missing.length);
      for (const gone of ids) this.selected.delete(gone);
      await this.refresh();
      this.announcement = message;
      this.focus = index >= 0 && this.comments.length > 0
        ? { kind: 'row', index: Math.min(index, this.comments.length - 1) }
        : { kind: 'heading' };
    });
  }

  async block(kind: 'email' | 'ip', value: string, id: string): Promise<void> {
    const index = this.comments.findIndex((c) => c.id === id);
    await this.run(async () => {
      await this.client.block(kind, value);
      await Promise.all([this.refreshAudit(), this.refreshBlocklist()]);
      this.announcement = t.blocked(kind, value);
      this.focus = { kind: 'row', index };
    });
  }

  /** Adds a word to the blocklist; resolves true when it was added (the form then empties). */
  async blockWord(word: string): Promise<boolean> {
    let added = false;
    await this.run(async () => {
      // The server keeps words in lower case (they match in any case): say what it keeps.
      const entry = await this.client.block('word', word);
      await Promise.all([this.refreshAudit(), this.refreshBlocklist()]);
      this.announcement = t.blocked('word', entry.value);
      added = true;
    });
    return added;
  }

  hostDisconnected(): void {}

  private async refresh(): Promise<void> {
    const filter = this.filter;
    const linked = this.linked;
    const [page, threads] = await Promise.all([this.client.list({ ...filter, id: linked }), this.client.threads(), this.refreshBlocklist()]);
    this.listed = filter;
    this.showingLinked = linked !== null;
    this.comments = page.comments;
    this.next = page.next;
    this.threads = threads.threads;
    const shown = new Set(this.comments.map((c) => c.id));
    for (const id of this.selected) if (!shown.has(id)) this.selected.delete(id);
    await this.refreshAudit();
  }

  private async refreshBlocklist(): Promise<void> {
    this.blocklist = (await this.client.blocklist()).entries;
  }

  private async refreshAudit(): Promise<void> {
    this.audit = (await this.client.audit()).entries;
  }

  private reset(): void {
    this.phase = 'signed-out';
    this.filter = this.listed = { status: '', thread: '' };
    this.comments = [];
    this.next = null;
    this.threads = [];
    this.audit = [];
    this.selected.clear();
  }

  /** Runs one call at a time, turning failures into words; a lost session signs out. */
  private async run(fn: () => Promise<void>, onError?: () => void): Promise<void> {
    this.busy = true;
    this.error = '';
    this.announcement = '';
    this.host.requestUpdate();
    try {
      await fn();
    } catch (error) {
      if (!(error instanceof AdminError)) throw error;
      if (error.code === 'offline') this.error = t.failed(t.offline);
      else if (error.code === 'disabled') this.error = t.disabled;
      else if (error.code === 'signed-out' && this.phase === 'signed-in') {
        this.reset();
        this.error = t.sessionEnded;
        this.focus = { kind: 'token' };
      } else this.error = t.failed(error.message);
      if (this.phase === 'checking') this.phase = 'signed-out';
      onError?.();
    } finally {
      this.busy = false;
      this.host.requestUpdate();
    }
  }
}
