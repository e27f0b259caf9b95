import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
    max-width: 80rem;
    margin: 0 auto;
    padding: 1rem;
    font: 1rem/1.5 system-ui, sans-serif;
    color: #1b1b1b;
    background: #fff;
  }
  header {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    align-items: center;
    gap: 1rem;
    margin-bottom: 1rem;
  }
  h1 { font-size: 1.5rem; margin: 0; }
  /* The heading takes the free space: the two sign-out buttons stay together at the end
     (below it on a phone). */
  header > h1 { margin-inline-end: auto; }
  h2 { font-size: 1.25rem; margin: 1.5rem 0 0.5rem; }
  h2:focus { outline: 2px solid #0b57d0; outline-offset: 2px; }
  form, .bulk {
    display: flex;
    flex-wrap: wrap;
    align-items: end;
    gap: 0.5rem 1rem;
    margin: 0.5rem 0;
  }
  label { display: flex; flex-direction: column; font-weight: 600; }
  form.sign-in { flex-direction: column; align-items: start; gap: 0.25rem; }
  form.sign-in input { width: min(100%, 36rem); box-sizing: border-box; }
  .hint { font-size: 0.875rem; color: #4a4a4a; margin: 0.25rem 0 0; }
  input[type='password'], select {
    font: inherit;
    padding: 0.25rem 0.5rem;
    border: 1px solid #6b6b6b;
    border-radius: 4px;
    min-width: 12rem;
  }
  button {
    font: inherit;
    padding: 0.25rem 0.75rem;
    border: 1px solid #0b57d0;
    border-radius: 4px;
    background: #fff;
    color: #0b57d0;
    cursor: pointer;
  }
  button.primary { background: #0b57d0; color: #fff; }
  button.danger { border-color: #a50e0e; color: #a50e0e; }
  button:disabled { border-color: #8a8a8a; color: #595959; cursor: default; }
  button:focus-visible, input:focus-visible, select:focus-visible, a:focus-visible {
    outline: 2px solid #0b57d0;
    outline-offset: 2px;
  }
  table { border-collapse: collapse; width: 100%; }
  caption { text-align: start; font-weight: 600; padding: 0.25rem 0; }
  th, td { border-bottom: 1px solid #c7c7c7; padding: 0.5rem; text-align: start; vertical-align: top; }
  td.body { max-width: 36rem; overflow-wrap: anywhere; }
  td.body p { margin: 0 0 0.5rem; }
  .meta { font-size: 0.875rem; color: #4a4a4a; }
  .state { font-weight: 600; }
  .state-spam { color: #a50e0e; }
  .state-pending { color: #7a4a00; }
  dl { margin: 0; display: grid; grid-template-columns: auto 1fr; gap: 0 0.5rem; font-size: 0.875rem; }
  dt { font-weight: 600; }
  dd { margin: 0; overflow-wrap: anywhere; }
  .actions { display: flex; flex-wrap: wrap; gap: 0.25rem; }
  header button { white-space: nowrap; }
  form.block-word label { flex-basis: 100%; }
  form.block-word input { font: inherit; padding: 0.25rem 0.5rem; border: 1px solid #6b6b6b; border-radius: 4px; width: min(100%, 20rem); box-sizing: border-box; }
  form.block-word .hint { flex-basis: 100%; }
  table.blocklist { max-width: 36rem; }
  /* An owner opens the page from a notification mail, often on a phone: four columns
     there squeeze the details to a letter a line and scroll the page sideways (WCAG
     1.4.10), so each comment becomes a block, its cells one under another. Every cell
     names itself (labelled checkbox, dt labels, buttons naming the author). */
  @media (max-width: 48rem) {
    table.comments thead {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip-path: inset(50%);
      white-space: nowrap;
    }
    table.comments tr {
      display: grid;
      grid-template-columns: auto minmax(0, 1fr);
      gap: 0.25rem 0.5rem;
      padding: 0.5rem 0;
      border-bottom: 1px solid #c7c7c7;
    }
    table.comments td { display: block; border: 0; padding: 0; }
    table.comments td:nth-child(n + 3) { grid-column: 2; }
    td { overflow-wrap: anywhere; }
  }
  a { color: #0b57d0; }
  [role='alert']:not(:empty) {
    border: 1px solid #a50e0e;
    color: #a50e0e;
    padding: 0.5rem;
    border-radius: 4px;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;
