import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { commentIdIn } from '../util/permalink.js';

/**
 * What the page tells a widget while it is connected: the address naming a comment
 * (`#comment-<id>`, on arrival and on every change), and the minute passing ("3 minutes
 * ago" has to move on; a tab coming back from the background catches up at once).
 */
export class PageListeners implements ReactiveController {
  private clock?: ReturnType<typeof setInterval>;

  constructor(
    host: ReactiveControllerHost,
    private readonly onPermalink: (id: string) => void,
    private readonly onMinute: () => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.clock = setInterval(this.onMinute, 60_000);
    document.addEventListener('visibilitychange', this.onMinute);
    addEventListener('hashchange', this.checkAddress);
  }

  hostDisconnected(): void {
    clearInterval(this.clock);
    document.removeEventListener('visibilitychange', this.onMinute);
    removeEventListener('hashchange', this.checkAddress);
  }

  /** Follows a permalink in the page's address, if there is one. */
  readonly checkAddress = (): void => {
    const id = commentIdIn(location.hash);
    if (id !== null) this.onPermalink(id);
  };
}
