/**
 * Calls `callback` once the browser has painted what the DOM holds now: in the first
 * task after the next frame's rendering. A hidden tab renders no frames, so after
 * `fallbackMs` it runs anyway (browsers slow such timers down, which is fine there).
 */
export function afterNextPaint(callback: () => void, fallbackMs = 250): void {
  let done = false;
  const run = () => {
    if (done) return;
    done = true;
    clearTimeout(timer);
    callback();
  };
  const timer = setTimeout(run, fallbackMs);
  // A task queued during a frame's callbacks runs after that frame is rendered.
  requestAnimationFrame(() => setTimeout(run));
}

/**
 * Calls `callback` in the first task after the next frame, with how long that frame kept
 * the main thread from its requestAnimationFrame callbacks to its end (style, layout,
 * paint): a task queued during a frame's callbacks runs after that frame is rendered.
 */
export function afterFrame(callback: (frameMs: number) => void): void {
  requestAnimationFrame(() => {
    const start = performance.now();
    const channel = new MessageChannel();
    channel.port1.onmessage = () => callback(performance.now() - start);
    channel.port2.postMessage(0);
  });
}
