// Saving a file from the page: a Blob URL on an `<a download>`, clicked once. In Electron the
// download manager takes it from there (a save dialog); in the tests Playwright sees a download.

export function downloadFile(name: string, content: Blob): void {
  const url = URL.createObjectURL(content);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked after the click has been handed to the download manager.
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}

/** Bytes the core made (an export) as a Blob of their type. */
export function bytesBlob(bytes: Uint8Array, mime: string): Blob {
  // A copy into a plain ArrayBuffer: a Blob part may not be a view of shared memory.
  return new Blob([new Uint8Array(bytes)], { type: mime });
}

/** One CSV field, quoted when it must be (RFC 4180). */
export const csvField = (value: string | number | null): string => {
  const text = value === null ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};
