import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** When a widget's comments are asked for; see `<parley-comments loading>`. */
export type LoadingMode = 'eager' | 'visible' | 'click';

/**
 * Decides when the comments may load: at once (`eager`), once the host comes within a
 * screen of the viewport (`visible`), or once the visitor or the page asks (`click`,
 * `release()`). Nothing reaches the comment server before it opens.
 */
export class LoadGate implements ReactiveController {
  private released = false;
  private observer?: IntersectionObserver;

  constructor(
    private readonly host: ReactiveControllerHost & Element,
    private readonly mode: () => LoadingMode,
  ) {
    host.addController(this);
  }

  /** Whether the comments may load now. */
  get open(): boolean {
    return this.released || this.mode() === 'eager';
  }

  /** Opens the gate, whatever the mode: the visitor pressed "Show comments", or consent came. */
  release(): void {
    if (this.released) return;
    this.released = true;
    this.stop();
    this.host.requestUpdate();
  }

  hostConnected(): void {
    this.watch();
  }

  hostDisconnected(): void {
    this.stop();
  }

  /** Starts watching the viewport when the mode is `visible`; call again when the mode changes. */
  watch(): void {
    if (this.released || this.mode() !== 'visible' || this.observer) return;
    if (typeof IntersectionObserver !== 'function') return this.release();
    // A screen ahead: the comments are there by the time the reader scrolls to them.
    this.observer = new IntersectionObserver((entries) => entries.some((entry) => entry.isIntersecting) && this.release(), {
      rootMargin: '100% 0px',
    });
    this.observer.observe(this.host);
  }

  private stop(): void {
    this.observer?.disconnect();
    this.observer = undefined;
  }
}
