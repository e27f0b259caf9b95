/**
 * Puts text on the clipboard. Resolves to false where the clipboard is closed (a page
 * not served over https, a refused permission, an old browser), for the caller to offer
 * the text another way.
 */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}
