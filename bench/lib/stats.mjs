/** The median of the numbers in `values`, ignoring null (a run that failed or timed out). */
export function median(values) {
  const xs = values.filter((v) => typeof v === 'number' && Number.isFinite(v)).sort((a, b) => a - b);
  if (!xs.length) return null;
  const mid = xs.length >> 1;
  return xs.length % 2 ? xs[mid] : (xs[mid - 1] + xs[mid]) / 2;
}

/** a / b, or null when either is missing. */
export function ratio(a, b) {
  return a == null || b == null || b === 0 ? null : a / b;
}
