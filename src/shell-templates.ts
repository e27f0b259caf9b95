import { html, nothing, type TemplateResult } from 'lit';
import type { SortOrder } from './adapters/types.js';
import type { ParleyStrings } from './i18n/strings.js';

/** The count heading, at the level the page's outline needs (`heading-level`, 1–6; else 2). */
export function heading(level: number, text: string): TemplateResult {
  switch (level) {
    case 1: return html`<h1 part="heading" id="heading">${text}</h1>`;
    case 3: return html`<h3 part="heading" id="heading">${text}</h3>`;
    case 4: return html`<h4 part="heading" id="heading">${text}</h4>`;
    case 5: return html`<h5 part="heading" id="heading">${text}</h5>`;
    case 6: return html`<h6 part="heading" id="heading">${text}</h6>`;
    default: return html`<h2 part="heading" id="heading">${text}</h2>`;
  }
}

/** Oldest or newest first, offered when the adapter can list in both orders. */
export function sortControl(
  orders: readonly SortOrder[],
  current: SortOrder | null,
  strings: ParleyStrings,
  choose: (order: SortOrder) => void,
): TemplateResult | typeof nothing {
  if (orders.length < 2) return nothing;
  const shown = current ?? orders[0];
  return html`<label class="sort"
    >${strings.sortLabel}
    <select @change=${(e: Event) => choose((e.target as HTMLSelectElement).value as SortOrder)}>
      ${orders.map((order) => html`<option value=${order} ?selected=${order === shown}>${order === 'oldest' ? strings.oldestFirst : strings.newestFirst}</option>`)}
    </select></label
  >`;
}

/** A failure, said at once (`role="alert"`), with the way forward. */
export function errorAlert(message: string, retry: string, onRetry: () => void): TemplateResult {
  return html`<div class="error" role="alert">
    <p>${message}</p>
    <button type="button" @click=${onRetry}>${retry}</button>
  </div>`;
}

/** "Load more comments": `aria-disabled` while loading, never `disabled`, which would drop focus. */
export function loadMoreButton(label: string, loading: boolean, onClick: (event: Event) => void): TemplateResult {
  return html`<button type="button" class="more" aria-disabled=${loading ? 'true' : 'false'} @click=${onClick}>${label}</button>`;
}
