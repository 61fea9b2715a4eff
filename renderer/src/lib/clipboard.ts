/**
 * Puts text on the clipboard. The async Clipboard API needs a secure context (the app's
 * lectern:// origin is one); elsewhere it falls back to copying a selected, off-screen field.
 */
export async function copyText(text: string): Promise<void> {
  if (window.isSecureContext && navigator.clipboard) {
    await navigator.clipboard.writeText(text);
    return;
  }
  const active = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  const field = document.createElement('textarea');
  field.value = text;
  field.setAttribute('readonly', '');
  field.className = 'clipboard-field';
  document.body.append(field);
  field.select();
  const copied = document.execCommand('copy');
  field.remove();
  active?.focus({ preventScroll: true });
  if (!copied) throw new Error('The clipboard is not available.');
}
