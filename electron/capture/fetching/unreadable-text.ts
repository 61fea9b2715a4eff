// A body labelled as text may not be text: a binary file served as text/html, or bytes that do
// not fit the encoding they claim. Browsers show such pages as garbage; Lectern would save the
// garbage as an article, so it refuses them with a reason instead.

/** How much of the decoded text is looked at: enough to judge, bounded however long the page. */
const SAMPLE_CHARS = 64 * 1024;

/** Control characters real text never has; tab, newlines, form feed and escape are allowed. */
const isControl = (code: number): boolean =>
  code <= 0x08 || code === 0x0b || (code >= 0x0e && code <= 0x1a) || (code >= 0x1c && code <= 0x1f) || code === 0x7f;

export type UnreadableReason = 'binary' | 'undecodable';

/**
 * 'binary' when over a tenth of the sample is control characters; 'undecodable' when a quarter
 * or more of its non-ASCII characters are U+FFFD, the decoder's mark for bytes the encoding has
 * no character for. A page with a few stray bad bytes is still read.
 */
export function unreadableText(text: string): UnreadableReason | null {
  const length = Math.min(text.length, SAMPLE_CHARS);
  let controls = 0;
  let nonAscii = 0;
  let replaced = 0;
  for (let index = 0; index < length; index++) {
    const code = text.charCodeAt(index);
    if (isControl(code)) controls++;
    else if (code > 0x7f) {
      nonAscii++;
      if (code === 0xfffd) replaced++;
    }
  }
  if (controls > length * 0.1) return 'binary';
  if (replaced >= 16 && replaced >= nonAscii * 0.25) return 'undecodable';
  return null;
}
