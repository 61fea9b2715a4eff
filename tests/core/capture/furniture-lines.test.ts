import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { removeFurnitureLines } from '../../../electron/capture/extraction/cleanup/furniture-lines.ts';

/** The article's inner HTML after the furniture pass. */
const cleaned = (markup: string): string => {
  const { document } = parseHTML(`<!doctype html><html><head><title>t</title></head><body><article>${markup}</article></body></html>`);
  const article = document.querySelector('article');
  if (!article) throw new Error('no <article> parsed');
  removeFurnitureLines(article);
  return article.innerHTML;
};

// Over 120 characters: a paragraph of prose, which the copyright rule measures "after" against.
const PROSE = '<p>This paragraph of the story has enough words in it to be real prose, long enough to pass the one hundred and twenty character mark.</p>';
const PROSE_2 = '<p>A second paragraph of the story follows the first one, and it is also long enough to count as the prose of the article itself.</p>';

/** Is `line` gone when it stands between two paragraphs of the story? */
const removedBetween = (line: string): boolean => !cleaned(`${PROSE}${line}${PROSE_2}`).includes(line);

describe('removeFurnitureLines: read-more lines', () => {
  it.each([
    '<p>Lea también: <a href="/pensiones">El Gobierno aprueba la reforma de las pensiones</a></p>',
    '<p>Lesen Sie auch: <a href="/bahn">Die Bahn streicht weitere Verbindungen im Winter</a></p>',
    '<p>À lire aussi : <a href="/retraites">La réforme des retraites adoptée au Sénat</a></p>',
    '<div>Read more: <a href="/markets">Markets slide as rates stay high</a></div>',
  ])('removes %s', (line) => {
    const html = cleaned(`${PROSE}${line}${PROSE_2}`);
    expect(html).toBe(`${PROSE}${PROSE_2}`);
  });

  it('keeps a reading tip that is not mostly a link', () => {
    const tip = '<p>Zum Weiterlesen: Claudia Duwe, <em>Titel</em>, <a href="/verlag">Patmos Verlag</a></p>';
    expect(cleaned(`${PROSE}${tip}`)).toBe(`${PROSE}${tip}`);
    const plain = '<p>Zum Weiterlesen: Claudia Duwe, Titel, Patmos Verlag</p>';
    expect(cleaned(`${PROSE}${plain}`)).toBe(`${PROSE}${plain}`);
  });
});

describe('removeFurnitureLines: promotion, copyright and notes', () => {
  it.each([
    'Follow us on Twitter for the latest news.',
    'Subscribe now and never miss a story.',
    'Folgen Sie uns auf Instagram!',
    'Jetzt abonnieren und keine Ausgabe verpassen.',
    'Síguenos en Twitter y Facebook.',
    'Suscríbete a nuestro boletín.',
    'Abonnez-vous à notre newsletter.',
    'Suivez-nous sur Facebook.',
  ])('removes the promo line "%s"', (line) => {
    expect(removedBetween(`<p>${line}</p>`)).toBe(true);
  });

  it('removes a copyright line after the last prose paragraph', () => {
    expect(cleaned(`${PROSE}${PROSE_2}<p>Copyright 2024 Example Media. All rights reserved.</p>`)).toBe(`${PROSE}${PROSE_2}`);
    expect(cleaned(`${PROSE}${PROSE_2}<p>Alle Rechte vorbehalten.</p>`)).toBe(`${PROSE}${PROSE_2}`);
  });

  it('keeps the same wording inside the story, and a sentence about copyrights', () => {
    for (const line of ['<p>Copyright 2024 Example Media. All rights reserved.</p>', '<p>All rights reserved.</p>']) {
      expect(cleaned(`${PROSE}${line}${PROSE_2}`)).toBe(`${PROSE}${line}${PROSE_2}`);
    }
    const sentence = '<p>The studio says the film infringes its copyrights and trademarks.</p>';
    expect(cleaned(`${PROSE}${sentence}`)).toBe(`${PROSE}${sentence}`);
    expect(cleaned(`${PROSE}${sentence}${PROSE_2}`)).toBe(`${PROSE}${sentence}${PROSE_2}`);
  });

  it.each([
    'Bei den Verlinkungen handelt es sich um Affiliate-Links.',
    'Der Gastbeitrag gibt die Meinung des Autors wieder, nicht notwendigerweise die der Redaktion.',
    'The publisher is not responsible for the content of external websites.',
    'Sofern nicht anders angegeben, stammen alle Bilder vom Autor.',
  ])('removes the note "%s"', (line) => {
    expect(removedBetween(`<p>${line}</p>`)).toBe(true);
  });
});

describe('removeFurnitureLines: dates', () => {
  it.each(['<p>Veröffentlicht am 12.03.2024</p>', '<p>Publié le 3 mai 2021</p>', '<p>23.10.2018</p>', '<div><span>23.10.2018</span></div>', '<p><time datetime="2021-05-03">3 May 2021</time></p>'])(
    'removes the date line %s',
    (line) => {
      expect(cleaned(`${PROSE}${line}${PROSE_2}`)).toBe(`${PROSE}${PROSE_2}`);
    },
  );

  it("keeps a live blog's entry time and the entry with it", () => {
    const entry = '<p><time>14.41 GMT</time></p><p>The minister arrived at the summit.</p>';
    expect(cleaned(`${PROSE}${entry}${PROSE_2}`)).toBe(`${PROSE}${entry}${PROSE_2}`);
  });
});

describe('removeFurnitureLines: credits', () => {
  it.each([
    ['Die Kanzlerin bei der Pressekonferenz in Berlin. ', '<span>Foto: dpa</span>'],
    ['Demonstrators gather outside the Capitol on Wednesday. ', '<span class="credit">Jim Watson/AFP/Getty Images</span>'],
  ])('removes the credit and keeps a short description before it: %s', (description, credit) => {
    const html = cleaned(`${PROSE}<figure><img src="a.jpg"><figcaption>${description}${credit}</figcaption></figure>${PROSE_2}`);
    expect(html).toContain(`<figure><img src="a.jpg"><figcaption>${description}</figcaption></figure>`);
  });

  it('removes a credit line in a figure and keeps the image and the caption', () => {
    const html = cleaned(`${PROSE}<figure><img src="/a.jpg" alt="Chancellor"><figcaption>Die Kanzlerin bei der Pressekonferenz in Berlin.</figcaption><p>Foto: dpa</p></figure>`);
    expect(html).toBe(`${PROSE}<figure><img src="/a.jpg" alt="Chancellor"><figcaption>Die Kanzlerin bei der Pressekonferenz in Berlin.</figcaption></figure>`);
  });

  it('removes a labelled credit inside the caption and keeps the description', () => {
    const html = cleaned(`${PROSE}<figure><img src="/a.jpg"><figcaption>Die Kanzlerin bei der Pressekonferenz in Berlin. <span>Foto: Max Mustermann</span></figcaption></figure>`);
    expect(html).toBe(`${PROSE}<figure><img src="/a.jpg"><figcaption>Die Kanzlerin bei der Pressekonferenz in Berlin. </figcaption></figure>`);
  });

  it('removes an agency credit after a long description and keeps the description', () => {
    const description = 'Demonstrators gather outside the Capitol on Wednesday as lawmakers meet to count the electoral votes of the presidential election. ';
    const html = cleaned(`${PROSE}<figure><img src="/crowd.jpg"><figcaption>${description}<span>Jim Watson/AFP/Getty Images</span></figcaption></figure>`);
    expect(html).toBe(`${PROSE}<figure><img src="/crowd.jpg"><figcaption>${description}</figcaption></figure>`);
  });

  it('removes a caption that is only a credit, and keeps the image', () => {
    const html = cleaned(`${PROSE}<figure><img src="/crowd.jpg" alt="crowd"><figcaption>Jim Watson/AFP/Getty Images</figcaption></figure>`);
    expect(html).toBe(`${PROSE}<figure><img src="/crowd.jpg" alt="crowd"></figure>`);
  });

  it('removes a credit written next to an image in the same line, and keeps the image', () => {
    expect(cleaned(`${PROSE}<p><img src="/b.jpg" alt="harbour"> <span>Foto: dpa</span></p>`)).toBe(`${PROSE}<p><img src="/b.jpg" alt="harbour"> </p>`);
  });

  it('removes a <span class="credit"> and keeps the description', () => {
    const html = cleaned(`${PROSE}<figure><img src="/a.jpg"><figcaption>Demonstrators gather outside the Capitol on Wednesday. <span class="credit">Jane Doe for The Example</span></figcaption></figure>`);
    expect(html).toBe(`${PROSE}<figure><img src="/a.jpg"><figcaption>Demonstrators gather outside the Capitol on Wednesday. </figcaption></figure>`);
  });

  it('removes a labelled photo credit outside a figure, but not a cited source', () => {
    expect(cleaned(`${PROSE}<p>Foto: Max Mustermann</p>${PROSE_2}`)).toBe(`${PROSE}${PROSE_2}`);
    const source = '<p>Quelle: Statistisches Bundesamt</p>';
    expect(cleaned(`${PROSE}${source}${PROSE_2}`)).toBe(`${PROSE}${source}${PROSE_2}`);
  });
});

describe('removeFurnitureLines: the story stays', () => {
  it.each(['<p>The vote was close.</p>', '<p>Subscribers wrote in by the hundreds.</p>', '<p>She followed the river north.</p>', '<h2>What happened next</h2>'])('keeps %s', (line) => {
    expect(cleaned(`${PROSE}${line}${PROSE_2}`)).toBe(`${PROSE}${line}${PROSE_2}`);
  });
});

describe('removeFurnitureLines: prose that only looks like furniture', () => {
  it.each([
    '<p>The council met on <time>3 May 2021</time> and voted.</p>',
    '<p>Entries close on <span>12.03.2021</span> at noon.</p>',
    '<table><tr><td>Launch</td><td><span>12.03.2021</span></td></tr></table>',
    '<p>Students must sign up for the exam by Friday, the dean said.</p>',
    '<p>Many economists subscribe to the view that rates will fall.</p>',
    '<p>Published in 1851, Moby-Dick sold poorly.</p>',
    '<ul><li>Updated the driver to version 2.1</li></ul>',
    '<p>Photo: a single image can tell a story, she said.</p>',
    '<ul><li>(c) either party may end the lease.</li></ul>',
  ])('keeps %s', (line) => {
    expect(removedBetween(line)).toBe(false);
  });

  it('takes a date span out of a metadata line that is no sentence', () => {
    expect(cleaned(`${PROSE}<div><span>27.01.2022</span> | Pressemeldung</div>${PROSE_2}`)).not.toContain('27.01.2022');
  });
});
