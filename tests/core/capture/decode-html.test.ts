import { describe, expect, it } from 'vitest';
import { decodeHtml, prescanMetaCharset } from '../../../electron/capture/fetching/decode-html.ts';

const encode = (text: string, encoding: string): Buffer => {
  // Node can decode legacy encodings but not encode them; build the bytes from known tables.
  const tables: Record<string, Record<string, number[]>> = {
    'windows-1252': { é: [0xe9], '€': [0x80], '’': [0x92], ü: [0xfc] },
    koi8r: { П: [0xf0], р: [0xd2], и: [0xc9], в: [0xd7], е: [0xc5], т: [0xd4] },
    shift_jis: { 日: [0x93, 0xfa], 本: [0x96, 0x7b], 語: [0x8c, 0xea], の: [0x82, 0xcc], 記: [0x8b, 0x4c], 事: [0x8e, 0x96], で: [0x82, 0xc5], す: [0x82, 0xb7] },
    'euc-kr': { 한: [0xc7, 0xd1], 국: [0xb1, 0xb9], 어: [0xbe, 0xee] },
  };
  const table = tables[encoding] ?? {};
  return Buffer.from([...text].flatMap((char) => table[char] ?? [...Buffer.from(char, 'latin1')]));
};

describe('decodeHtml', () => {
  it('honours a BOM over everything else', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('<meta charset="windows-1252"><p>café</p>')]);
    expect(decodeHtml(bytes, 'iso-8859-2')).toMatchObject({ encoding: 'utf-8', source: 'bom', text: '<meta charset="windows-1252"><p>café</p>' });
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('<p>hé</p>', 'utf16le')]);
    expect(decodeHtml(utf16)).toMatchObject({ encoding: 'utf-16le', text: '<p>hé</p>' });
  });

  it('uses the HTTP charset before <meta>', () => {
    const bytes = encode('<meta charset="utf-8"><p>café €</p>', 'windows-1252');
    expect(decodeHtml(bytes, 'windows-1252')).toMatchObject({ source: 'http', text: '<meta charset="utf-8"><p>café €</p>' });
  });

  it('maps latin1 and ascii labels to windows-1252 as browsers do', () => {
    const bytes = encode('<p>it’s café</p>', 'windows-1252');
    expect(decodeHtml(bytes, 'iso-8859-1').text).toBe('<p>it’s café</p>');
    expect(decodeHtml(bytes, 'us-ascii').encoding).toBe('windows-1252');
  });

  it('reads <meta charset> and http-equiv in the first 1024 bytes', () => {
    const koi = encode('<html><head><meta http-equiv="Content-Type" content="text/html; charset=koi8-r"></head><p>Привет</p>', 'koi8r');
    expect(decodeHtml(koi)).toMatchObject({ encoding: 'koi8-r', source: 'meta' });
    expect(decodeHtml(koi).text).toContain('Привет');
    const sjis = encode('<!doctype html><meta charset=Shift_JIS><title>日本語の記事</title><p>日本語の記事です</p>', 'shift_jis');
    expect(decodeHtml(sjis)).toMatchObject({ encoding: 'shift_jis', source: 'meta' });
    expect(decodeHtml(sjis).text).toContain('日本語の記事です');
  });

  it('ignores a charset inside a comment or after the first 1024 bytes', () => {
    expect(prescanMetaCharset('<!-- <meta charset="koi8-r"> --><meta charset="euc-kr">')).toBe('euc-kr');
    const late = `<html><head>${' '.repeat(1100)}<meta charset="koi8-r"></head><p>caf\xe9</p>`;
    expect(decodeHtml(Buffer.from(late, 'latin1'))).toMatchObject({ encoding: 'windows-1252', source: 'default' });
  });

  it('treats a <meta> claiming UTF-16 as UTF-8', () => {
    expect(decodeHtml(Buffer.from('<meta charset="utf-16"><p>héllo</p>'))).toMatchObject({ encoding: 'utf-8', text: '<meta charset="utf-16"><p>héllo</p>' });
  });

  it('falls back to UTF-8 when the bytes are valid UTF-8, else windows-1252', () => {
    expect(decodeHtml(Buffer.from('<p>naïve café</p>'))).toMatchObject({ encoding: 'utf-8', source: 'sniff' });
    expect(decodeHtml(encode('<p>naïve café</p>', 'windows-1252'))).toMatchObject({ encoding: 'windows-1252', text: '<p>na\u00efve café</p>' });
  });

  it('recognises undeclared Shift_JIS and EUC-KR text', () => {
    expect(decodeHtml(encode('<p>日本語の記事です。日本語の記事です。</p>', 'shift_jis')).encoding).toBe('shift_jis');
    expect(decodeHtml(encode('<p>한국어 한국어 한국어</p>', 'euc-kr')).encoding).toBe('euc-kr');
    // French text is not mistaken for Japanese.
    expect(decodeHtml(encode('<p>Le café était fermé, été comme hiver, après la fête.</p>', 'windows-1252')).encoding).toBe('windows-1252');
  });

  it('uses the XML declaration for XHTML', () => {
    const bytes = encode('<?xml version="1.0" encoding="windows-1252"?><html xmlns="http://www.w3.org/1999/xhtml"><p>café</p></html>', 'windows-1252');
    expect(decodeHtml(bytes, null, { xml: true })).toMatchObject({ encoding: 'windows-1252', source: 'xml' });
  });
});
