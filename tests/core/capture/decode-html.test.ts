import { describe, expect, it } from 'vitest';
import { decodeHtml, prescanMetaCharset } from '../../../electron/capture/fetching/decode-html.ts';

const encode = (text: string, encoding: string): Buffer => {
  // Node can decode legacy encodings but not encode them; build the bytes from known tables.
  const tables: Record<string, Record<string, number[]>> = {
    'windows-1252': { é: [0xe9], '€': [0x80], '’': [0x92], ü: [0xfc] },
    koi8r: { П: [0xf0], р: [0xd2], и: [0xc9], в: [0xd7], е: [0xc5], т: [0xd4] },
    shift_jis: { 日: [0x93, 0xfa], 本: [0x96, 0x7b], 語: [0x8c, 0xea], の: [0x82, 0xcc], 記: [0x8b, 0x4c], 事: [0x8e, 0x96], で: [0x82, 0xc5], す: [0x82, 0xb7] },
    'euc-kr': { 한: [0xc7, 0xd1], 국: [0xb1, 0xb9], 어: [0xbe, 0xee] },
    'windows-1250': { ą: [0xb9], ć: [0xe6], ę: [0xea], ł: [0xb3], ń: [0xf1], ó: [0xf3], ś: [0x9c], ź: [0x9f], ż: [0xbf], Ł: [0xa3], Ś: [0x8c], Ż: [0xaf] },
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

  it('ignores a charset inside a comment', () => {
    expect(prescanMetaCharset('<!-- <meta charset="koi8-r"> --><meta charset="euc-kr">')).toBe('euc-kr');
    const commented = `<html><head>${' '.repeat(1100)}<!-- <meta charset="koi8-r"> --></head><p>caf\xe9</p>`;
    expect(decodeHtml(Buffer.from(commented, 'latin1'))).toMatchObject({ encoding: 'windows-1252', source: 'default' });
  });

  describe('a <meta> in <head> past the first 1024 bytes', () => {
    const polish = 'Zażółć gęślą jaźń. Łódź, Śląsk, Żywiec.';
    const script = `<script>window.dataLayer = [${'"tracking-pixel", '.repeat(120)}];</script>`;
    const page = (head: string, body = `<p>${polish}</p>`): Buffer =>
      encode(`<!doctype html><html><head><title>Wiadomości</title>${head}</head><body>${body}</body></html>`, 'windows-1250');

    it('switches from the guess to the declared encoding, as the tree builder does', () => {
      expect(script.length).toBeGreaterThan(2048);
      const decoded = decodeHtml(page(`${script}<meta charset="windows-1250">`));
      expect(decoded).toMatchObject({ encoding: 'windows-1250', source: 'meta' });
      expect(decoded.text).toContain(polish);
      const httpEquiv = decodeHtml(page(`${script}<meta http-equiv="Content-Type" content="text/html; charset=windows-1250">`));
      expect(httpEquiv).toMatchObject({ encoding: 'windows-1250', source: 'meta' });
      expect(httpEquiv.text).toContain(polish);
    });

    it('treats script, style and title contents as text, not tags', () => {
      // A "<meta" or "<body" inside a script string neither declares nor ends <head>.
      const tricky = `<script>var s = '<meta charset="koi8-r">'; document.write('<body><div>');</script><style>/* <p> */</style>`;
      expect(decodeHtml(page(`${script}${tricky}<meta charset="windows-1250">`)).text).toContain(polish);
    });

    it('ignores a late <meta> inside <body> or after a tag that starts the body', () => {
      const inBody = decodeHtml(page(script, `<meta charset="windows-1250"><p>${polish}</p>`));
      expect(inBody).toMatchObject({ encoding: 'windows-1252', source: 'default' });
      expect(inBody.text).not.toContain(polish);
      const afterDiv = encode(`<html><head><title>x</title>${script}<div>menu</div><meta charset="windows-1250"><p>${polish}</p>`, 'windows-1250');
      expect(decodeHtml(afterDiv)).toMatchObject({ encoding: 'windows-1252', source: 'default' });
      const afterHead = encode(`<html><head>${script}</head><meta charset="windows-1250"><p>${polish}</p>`, 'windows-1250');
      expect(decodeHtml(afterHead).encoding).toBe('windows-1252');
    });

    it('looks no further than the first 64 KB', () => {
      const huge = `<script>${'x'.repeat(70 * 1024)}</script>`;
      expect(decodeHtml(page(`${huge}<meta charset="windows-1250">`)).encoding).toBe('windows-1252');
    });

    it('lets an early <meta> win over a late one', () => {
      const decoded = decodeHtml(page(`<meta charset="windows-1250">${script}<meta charset="koi8-r">`));
      expect(decoded).toMatchObject({ encoding: 'windows-1250', source: 'meta' });
      expect(decoded.text).toContain(polish);
    });

    it('follows the browser even when the bytes are valid UTF-8', () => {
      const utf8 = Buffer.from(`<html><head>${script}<meta charset="iso-8859-1"></head><p>café</p>`);
      expect(decodeHtml(utf8)).toMatchObject({ encoding: 'windows-1252', source: 'meta' });
      expect(decodeHtml(utf8).text).toContain('cafÃ©');
    });

    it('maps UTF-16 to UTF-8 and x-user-defined to windows-1252, as for an early <meta>', () => {
      const utf16 = decodeHtml(Buffer.from(`<html><head>${script}<meta charset="utf-16le"></head><p>héllo</p>`));
      expect(utf16).toMatchObject({ encoding: 'utf-8', source: 'meta' });
      expect(utf16.text).toContain('héllo');
      expect(decodeHtml(page(`${script}<meta charset="x-user-defined">`)).encoding).toBe('windows-1252');
    });

    it('leaves long pages without any <meta> as they were', () => {
      expect(decodeHtml(Buffer.from(`<html><head>${script}</head><p>naïve café</p>`))).toMatchObject({ encoding: 'utf-8', source: 'sniff' });
      expect(decodeHtml(encode(`<html><head>${script}</head><p>naïve café</p>`, 'windows-1252'))).toMatchObject({ encoding: 'windows-1252', source: 'default' });
    });
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
