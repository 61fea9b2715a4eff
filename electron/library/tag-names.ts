// Tag names: trimmed, inner whitespace collapsed; matched case- and width-insensitively.

export const MAX_TAG_LENGTH = 64;

export function cleanTagName(name: string): string {
  return name.normalize('NFC').trim().replace(/\s+/g, ' ').slice(0, MAX_TAG_LENGTH);
}

export function tagKey(name: string): string {
  return cleanTagName(name).normalize('NFKC').toLowerCase();
}
