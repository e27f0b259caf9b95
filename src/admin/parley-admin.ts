import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { fillWholeBody } from '../comment/body.js';
import { safeHttpUrl } from '../util/url.js';
import type { AuditEntry, ModerationEntry } from './admin-client.js';
import { ModerationController } from './moderation-controller.js';
import { styles } from './parley-admin.styles.js';
import { adminStrings as t, type ModerationAction, type ModerationStatus } from './strings.js';

const STATUSES: ModerationStatus[] = ['pending', 'spam', 'published', 'rejected'];
const ACTIONS: ModerationAction[] = ['approve', 'reject', 'spam', 'delete'];
const when = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' });

/**
 * The moderation page served by parley-server at `/admin`: sign-in with the admin token,
 * the comments of every thread newest first with their e-mail and IP, approve, reject,
 * mark as spam, delete and block, one at a time or on a selection, and the audit log.
 * Bodies are drawn by the widget's own text renderer: text, never HTML.
 */
export class ParleyAdmin extends LitElement {
  static override styles = styles;

  private readonly moderation = new ModerationController(this);

  private handleSignIn(event: SubmitEvent) {
    event.preventDefault();
    const input = (event.target as HTMLFormElement).elements.namedItem('token') as HTMLInputElement;
    void this.moderation.signIn(input.value.trim());
  }

  private async handleBlockWord(event: SubmitEvent) {
    event.preventDefault();
    const input = (event.target as HTMLFormElement).elements.namedItem('word') as HTMLInputElement;
    const word = input.value.trim();
    if (word && (await this.moderation.blockWord(word))) input.value = '';
    // The button was disabled while the call ran, which drops focus from it: back to the
    // field, ready for the next word (or to fix this one after an error).
    input.focus();
  }

  private handleFilter(event: SubmitEvent) {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const value = (name: string) => (form.elements.namedItem(name) as HTMLSelectElement).value;
    void this.moderation.applyFilter({ status: value('status') as ModerationStatus | '', thread: value('thread') });
  }

  override render() {
    const m = this.moderation;
    const signedIn = m.phase === 'signed-in';
    // One outer template: the alert and the status region stay the same nodes whichever
    // view is shown, so what they say when the view changes is still read out.
    return html`
      <main>
        <header>
          <h1>${t.title}</h1>
          ${signedIn ? html`<button type="button" @click=${() => m.signOut()} ?disabled=${m.busy}>${t.signOut}</button>
            <button type="button" @click=${() => m.signOut(true)} ?disabled=${m.busy}>${t.signOutEverywhere}</button>` : nothing}
        </header>
        <p role="alert">${m.error}</p>
        <p role="status" class="visually-hidden">${m.announcement}</p>
        ${signedIn ? this.renderModeration() : this.renderSignIn()}
      </main>
    `;
  }

  private renderModeration() {
    return html`
      <section aria-labelledby="comments-heading">
        <h2 id="comments-heading" tabindex="-1">${t.commentsHeading}</h2>
        ${this.renderFilter()} ${this.renderBulk()} ${this.renderList()}
      </section>
      <section aria-labelledby="blocklist-heading">
        <h2 id="blocklist-heading">${t.blocklistHeading}</h2>
        ${this.renderBlocklist()}
      </section>
      <section aria-labelledby="audit-heading">
        <h2 id="audit-heading">${t.auditHeading}</h2>
        ${this.renderAudit(this.moderation.audit)}
      </section>
    `;
  }

  private renderSignIn() {
    const m = this.moderation;
    return html`
      <section aria-labelledby="sign-in-heading">
        <h2 id="sign-in-heading">${t.signInHeading}</h2>
        <form class="sign-in" @submit=${this.handleSignIn} aria-busy=${m.busy || m.phase === 'checking' ? 'true' : 'false'}>
          <label for="token">${t.tokenLabel}</label>
          <input id="token" name="token" type="password" required autocomplete="current-password"
            aria-describedby="token-hint" spellcheck="false" />
          <p id="token-hint" class="hint">${t.tokenHint}</p>
          <button class="primary" type="submit" ?disabled=${m.busy}>${m.busy ? t.signingIn : t.signIn}</button>
        </form>
      </section>
    `;
  }

  private renderFilter() {
    const m = this.moderation;
    return html`
      <form @submit=${this.handleFilter} aria-label=${t.filters}>
        <label>${t.threadFilter}
          <select name="thread">
            <option value="" ?selected=${m.filter.thread === ''}>${t.allThreads}</option>
            ${m.threads.map((key) => html`<option value=${key} ?selected=${m.filter.thread === key}>${key}</option>`)}
          </select>
        </label>
        <label>${t.stateFilter}
          <select name="status">
            <option value="" ?selected=${m.filter.status === ''}>${t.allStates}</option>
            ${STATUSES.map((s) => html`<option value=${s} ?selected=${m.filter.status === s}>${t.status[s]}</option>`)}
          </select>
        </label>
        <button type="submit" ?disabled=${m.busy}>${t.show}</button>
      </form>
    `;
  }

  private renderBulk() {
    const m = this.moderation;
    const count = m.selected.size;
    return html`
      <div class="bulk" role="group" aria-label=${t.bulkActions}>
        <span>${t.selected(count)}</span>
        ${ACTIONS.map((a) => html`
          <button type="button" class=${a === 'delete' ? 'danger' : ''} ?disabled=${m.busy || count === 0}
            @click=${() => m.act(a)}>${t.bulk[a]}</button>`)}
      </div>
    `;
  }

  private renderList() {
    const m = this.moderation;
    const showAll = m.showingLinked
      ? html`<p><button type="button" ?disabled=${m.busy} @click=${() => m.showAll()}>${t.showAll}</button></p>`
      : nothing;
    if (m.comments.length === 0) {
      return html`<p>${m.busy ? t.loading : m.showingLinked ? t.linkedGone : t.empty}</p>${showAll}`;
    }
    const all = m.comments.every((c) => m.selected.has(c.id));
    return html`
      <table class="comments" aria-busy=${m.busy ? 'true' : 'false'}>
        <caption>${m.showingLinked ? t.linkedCaption : t.caption(m.listed.status, m.listed.thread)}</caption>
        <thead>
          <tr>
            <th scope="col"><input type="checkbox" aria-label=${t.selectAll} .checked=${all}
              @change=${(e: Event) => m.toggleAll((e.target as HTMLInputElement).checked)} /></th>
            <th scope="col">${t.columns.comment}</th>
            <th scope="col">${t.columns.details}</th>
            <th scope="col">${t.columns.actions}</th>
          </tr>
        </thead>
        <tbody>
          ${repeat(m.comments, (c) => c.id, (c) => this.renderRow(c))}
        </tbody>
      </table>
      ${m.next === null ? nothing : html`<button type="button" ?disabled=${m.busy} @click=${() => m.loadMore()}>${t.loadMore}</button>`}
      ${showAll}
    `;
  }

  private renderRow(c: ModerationEntry) {
    const m = this.moderation;
    const time = when.format(new Date(c.createdAt));
    const name = c.author.name;
    const website = c.author.url ? safeHttpUrl(c.author.url) : null;
    return html`
      <tr data-id=${c.id}>
        <td><input type="checkbox" class="select" aria-label=${t.select(name, time)} .checked=${m.selected.has(c.id)}
          @change=${(e: Event) => m.toggle(c.id, (e.target as HTMLInputElement).checked)} /></td>
        <td class="body">
          <div class="meta">
            <strong dir="auto">${name}</strong> · <time datetime=${c.createdAt}>${time}</time> ·
            <span class="state state-${c.status}">${t.status[c.status]}</span>
            ${c.parentId ? html` · ${t.reply}` : nothing}
          </div>
          <div class="text" data-body=${c.id}></div>
        </td>
        <td>
          <dl>
            <dt>${t.thread}</dt><dd>${c.thread}</dd>
            <dt>${t.email}</dt><dd>${c.author.email ?? t.none}</dd>
            <dt>${t.website}</dt>
            <dd>${website ? html`<a href=${website} rel="nofollow ugc noopener noreferrer">${c.author.url}</a>` : c.author.url ?? t.none}</dd>
            <dt>${t.ip}</dt><dd>${c.ip ?? t.none}</dd>
            ${c.spamReason ? html`<dt>${t.caughtBy}</dt><dd>${t.spamReason(c.spamReason)}</dd>` : nothing}
          </dl>
        </td>
        <td>
          <div class="actions">
            ${ACTIONS.filter((a) => !(a === 'approve' && c.status === 'published') && !(a === 'reject' && c.status === 'rejected')
              && !(a === 'spam' && c.status === 'spam')).map((a) => html`
              <button type="button" class=${a === 'delete' ? 'danger' : ''} ?disabled=${m.busy}
                aria-label=${t.actionOn(t.actions[a], name)} @click=${() => m.act(a, c.id)}>${t.actions[a]}</button>`)}
            ${c.author.email ? html`<button type="button" ?disabled=${m.busy} aria-label=${t.actionOn(t.blockEmail, name)}
              @click=${() => m.block('email', c.author.email!, c.id)}>${t.blockEmail}</button>` : nothing}
            ${c.ip ? html`<button type="button" ?disabled=${m.busy} aria-label=${t.actionOn(t.blockIp, name)}
              @click=${() => m.block('ip', c.ip!, c.id)}>${t.blockIp}</button>` : nothing}
          </div>
        </td>
      </tr>
    `;
  }

  private renderBlocklist() {
    const m = this.moderation;
    return html`
      <form class="block-word" @submit=${this.handleBlockWord}>
        <label for="block-word">${t.blockWordLabel}</label>
        <input id="block-word" name="word" type="text" required maxlength="200" aria-describedby="block-word-hint" />
        <button type="submit" ?disabled=${m.busy}>${t.blockWord}</button>
        <p id="block-word-hint" class="hint">${t.blockWordHint}</p>
      </form>
      ${m.blocklist.length === 0 ? html`<p>${t.blocklistEmpty}</p>` : html`
        <table class="blocklist">
          <caption>${t.blocklistCaption}</caption>
          <tbody>
            ${repeat(m.blocklist, (e) => `${e.kind}:${e.value}`, (e) => html`
              <tr><th scope="row">${t.blockKinds[e.kind]}</th><td dir="auto">${e.value}</td></tr>`)}
          </tbody>
        </table>`}
    `;
  }

  private renderAudit(entries: AuditEntry[]) {
    if (entries.length === 0) return html`<p>${t.auditEmpty}</p>`;
    const c = t.auditColumns;
    return html`
      <table>
        <caption>${t.auditCaption}</caption>
        <thead><tr><th scope="col">${c.at}</th><th scope="col">${c.actor}</th><th scope="col">${c.action}</th>
          <th scope="col">${c.target}</th><th scope="col">${c.detail}</th></tr></thead>
        <tbody>
          ${repeat(entries, (e) => e.seq, (e) => html`
            <tr data-audit=${e.action}>
              <td><time datetime=${e.at}>${when.format(new Date(e.at))}</time></td>
              <td>${e.actor}</td><td>${e.action}</td><td>${e.target ?? t.none}</td><td>${e.detail ?? t.none}</td>
            </tr>`)}
        </tbody>
      </table>
    `;
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const root = this.renderRoot as ShadowRoot;
    // Bodies go in through the widget's renderer, as text nodes, once per comment shown.
    const bodies = new Map(this.moderation.comments.map((c) => [c.id, c.body]));
    for (const el of root.querySelectorAll<HTMLElement>('[data-body]')) {
      const body = bodies.get(el.dataset.body!) ?? '';
      if (el.dataset.filled !== 'yes') {
        fillWholeBody(el, body);
        el.dataset.filled = 'yes';
      }
    }
    this.moveFocus(root);
  }

  /** Puts focus where the visitor expects it once rows have come or gone. */
  private moveFocus(root: ShadowRoot): void {
    const intent = this.moderation.focus;
    if (!intent || this.moderation.busy) return;
    this.moderation.focus = null;
    if (intent.kind === 'token') root.querySelector<HTMLInputElement>('#token')?.focus();
    else if (intent.kind === 'heading') root.querySelector<HTMLElement>('#comments-heading')?.focus();
    else {
      const rows = root.querySelectorAll<HTMLInputElement>('tbody input.select');
      const target = rows[Math.min(intent.index, rows.length - 1)];
      if (target) target.focus();
      else root.querySelector<HTMLElement>('#comments-heading')?.focus();
    }
  }
}

if (!customElements.get('parley-admin')) customElements.define('parley-admin', ParleyAdmin);
