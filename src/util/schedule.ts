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
