// Recognising page chrome (share bars, related links, comment forms, cookie notices, ads) by
// the words sites use to name it, and by the short labels it shows. Matches whole words of
// class/id names, never substrings: "shadow" is not "ad", "comments-open" is not a comment box.

const CHROME_WORDS = new Set([
  'share', 'shares', 'sharing', 'sharebar', 'sharetools', 'sharedaddy', 'social', 'socials', 'sociallinks',
  'related', 'relatedposts', 'newsletter', 'subscribe', 'subscription', 'signup',
  'advert', 'advertisement', 'advertising', 'ad', 'ads', 'adsbygoogle', 'adslot', 'adunit', 'adwrapper', 'dfp',
  'sponsor', 'sponsored', 'promo', 'promoted', 'cookie', 'cookies', 'consent', 'gdpr', 'cmp',
  'comment', 'comments', 'respond', 'disqus', 'breadcrumb', 'breadcrumbs', 'pagination', 'pager',
  'outbrain', 'taboola', 'sidebar', 'footer', 'navbar', 'menu', 'tags', 'tagcloud',
  'toolbar', 'nocontent', 'postmetadata', 'relatedlinks', 'linkbox', 'recommended',
]);

// Words that also name wrappers some sites render the whole article inside (an article shown
// in a "modal", a "paywall" container around the teaser): chrome only when they hold no prose.
const WEAK_CHROME_WORDS = new Set(['popup', 'modal', 'overlay', 'paywall', 'lightbox']);

const CHROME_NAMES = new Set([
  'sr-only', 'visually-hidden', 'visuallyhidden', 'screen-reader-text', 'screen-reader-only', 'skip-link',
  'author-box', 'author-bio', 'about-author', 'post-tags', 'entry-tags', 'tag-list', 'tags-list',
  'read-more', 'more-stories', 'most-popular', 'most-read', 'trending', 'recommended', 'you-may-like',
  'next-prev', 'post-navigation', 'prev-next', 'td-post-next-prev', 'print-only', 'noprint',
]);

// Author boxes under the many names plugins give them ("saboxplugin-wrap": Simple Author Box).
const AUTHOR_BOX = /^(?:author[-_]?(?:info|desc|description|box|bio|about|wrap|details)|entry-author-info|saboxplugin-wrap|article--authors|about-the-author)$/i;

// "u-hide-print", "d-print-none", "print:d-none": the site itself leaves it out of a printed copy.
const HIDDEN_IN_PRINT = /^(?:[a-z]+-)?(?:hide-print|hidden-print|no-print|d-print-none|print:d-none|print:hidden)$/i;

const CHROME_ROLES = new Set(['navigation', 'complementary', 'contentinfo', 'banner', 'dialog', 'alertdialog', 'search', 'menu', 'menubar', 'toolbar']);

/** The words of a class or id name: "relatedPosts", "related-posts" and "related_posts" alike. */
export const wordsOf = (name: string): string[] =>
  name.replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase().split(/[-_\s:.]+/).filter(Boolean);

// Inline elements inside prose (a "popup" footnote link, a "tag" span) are never removed by name.
const CONTAINERS = new Set(['DIV', 'SECTION', 'ASIDE', 'NAV', 'FOOTER', 'HEADER', 'UL', 'OL', 'LI', 'FORM', 'FIGURE', 'P', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'TABLE', 'INS', 'DL', 'IFRAME', 'ARTICLE']);
// Ids are often generated from headings ("sharing-with-a-team"); only short ones name a widget.
const MAX_ID_WORDS = 3;
// A heading's class names how it looks ("anchorWithStickyNavbar": offset below a sticky bar), not
// what it is; a chrome heading sits in a chrome container, or says what it is ("Related posts").
const HEADINGS = new Set(['H1', 'H2', 'H3', 'H4', 'H5', 'H6']);

const STATE_CLASS = /^(?:has|with|is)-/i;

export type ChromeStrength = 'strong' | 'weak' | null;

/** Does this element's class, id or role say it is chrome rather than content, and how surely? */
export function chromeStrength(element: Element): ChromeStrength {
  if (!CONTAINERS.has(element.tagName.toUpperCase())) return null;
  const role = element.getAttribute('role');
  if (role && CHROME_ROLES.has(role.trim().toLowerCase())) return 'strong';
  if (HEADINGS.has(element.tagName.toUpperCase())) return null;
  let strength: ChromeStrength = null;
  const names = (element.getAttribute('class') ?? '').split(/\s+/).filter(Boolean);
  const id = element.getAttribute('id');
  if (id && wordsOf(id).length <= MAX_ID_WORDS) names.push(id);
  for (const name of names) {
    if (CHROME_NAMES.has(name.toLowerCase()) || HIDDEN_IN_PRINT.test(name) || AUTHOR_BOX.test(name)) return 'strong';
    // A state ("has-sharing", "with-sidebar") or a BEM modifier ("p-body-main--withSidebar",
    // "section--has-ads") says what the element has beside it, not what it is.
    if (STATE_CLASS.test(name)) continue;
    const modifier = name.indexOf('--');
    for (const word of wordsOf(modifier > 0 ? name.slice(0, modifier) : name)) {
      if (CHROME_WORDS.has(word)) return 'strong';
      if (WEAK_CHROME_WORDS.has(word)) strength = 'weak';
    }
  }
  return strength;
}

export const isBoilerplateElement = (element: Element): boolean => chromeStrength(element) !== null;

const PROSE_CHARS = 100;

/** Paragraphs long enough to be prose rather than a label or a teaser line. */
export const proseParagraphs = (element: Element): number =>
  [...element.getElementsByTagName('p')].filter((p) => (p.textContent ?? '').length > PROSE_CHARS).length;

/** Characters in those paragraphs; `skip` leaves some out (hidden ones, say). */
export function proseChars(element: Element, skip?: (paragraph: Element) => boolean): number {
  let total = 0;
  for (const p of element.getElementsByTagName('p')) {
    const length = (p.textContent ?? '').length;
    if (length > PROSE_CHARS && !skip?.(p)) total += length;
  }
  return total;
}

// Short labels that only ever introduce chrome. Compared against an element's whole text.
const CHROME_LABEL = new RegExp(
  '^(?:' +
    [
      '-*\\s*advertisement\\s*-*', 'advertisement', 'ad', 'sponsored', 'sponsored content', 'story continues below(?: advertisement)?',
      'share(?: this(?: article| story| post)?)?:?', 'share on \\w+', 'tweet', 'email', 'print', 'copy link',
      'related(?: posts| articles| stories| content| reading)?:?', 'more from .{1,40}', 'more stories', 'read more:?', 'read next:?', 'recommended(?: for you| stories)?',
      'you (?:may|might) also like:?', 'most (?:read|popular|viewed)', 'must read', 'trending(?: now)?', 'popular posts', 'latest (?:news|posts|stories)',
      'leave a (?:reply|comment)', 'reader interactions', 'post a comment', 'comments?', '\\d+ comments?', 'join the (?:discussion|conversation)', 'please enter your (?:comment|name here|email address here)!?',
      'sign up for (?:our|the) newsletter', 'subscribe(?: now| to our newsletter)?', 'follow us(?: on .{1,30})?', 'tags:?', 'filed under:?', 'previous (?:article|post)', 'next (?:article|post)',
      'accept(?: all)?(?: cookies)?', 'cookie settings',
      // Metrics and permission links around papers and posts ("4,210 Accesses", "4.9 from 212 votes").
      '[\\d.,]+\\s*[km]? (?:accesses|citations|altmetric|views|downloads|reads|mentions|upvotes|votes|ratings)',
      '[\\d.]+ (?:from|out of) [\\d,]+ (?:votes|ratings|reviews)', 'no ratings yet', 'metrics', 'article metrics',
      'reprints(?: and permissions)?', 'request permissions', 'cite this article', 'download (?:pdf|citation)',
      '\\d+ min(?:ute)?s? read\\b.{0,40}', 'listen(?: to this (?:article|story))?', '[¶§#🔗]', 'permalink',
      // The same furniture in German, French, Spanish, Portuguese and Polish.
      'anzeige', 'werbung', 'reklama', 'publicidad', 'publicité', 'annonce', 'advertorial',
      'teilen', 'artikel teilen', 'beitrag teilen', 'partager(?: cet article)?', 'compartir', 'compartilhar', 'udostępnij',
      'war (?:der|dieser) (?:artikel|beitrag) (?:nützlich|hilfreich)\\??', 'möchten sie (?:den|diesen) artikel teilen\\??', '(?:den )?artikel (?:mit anderen )?teilen(?:/diskutieren)?',
      '\\(?noch keine bewertungen\\)?', 'keine kommentare', 'kommentare?', '\\d+ kommentare?', 'aucun commentaire', 'commentaires?', 'comentarios?', 'sin comentarios', 'no comments(?: yet)?',
      'inhaltsverzeichnis', 'table of contents', 'contents', 'sommaire', 'índice', 'spis treści',
      'zurück(?: zur (?:übersicht|listenansicht|startseite))?', 'back(?: to (?:top|overview))?', 'retour', 'volver',
      'lade weitere inhalte', 'mehr laden', 'load more', 'bild anzeigen', 'externer inhalt', 'vergrößern', 'zum vergrößern (?:auf das bild )?klicken',
      'weiterlesen', 'mehr lesen', 'lesen sie auch', 'auch interessant', 'schon gelesen\\?', 'das könnte (?:dich|sie) (?:auch )?interessieren',
      'drucken', 'imprimer', 'imprimir',
    ].join('|') +
    ')$',
  'iu',
);

export const normalizeSpace = (text: string): string => text.replace(/\s+/g, ' ').trim();

export function isChromeLabel(text: string): boolean {
  const normalized = normalizeSpace(text).replace(/[.…:!|»›→]+$/, '').trim();
  return normalized.length > 0 && normalized.length <= 60 && CHROME_LABEL.test(normalized);
}

/**
 * Headings that introduce a list of links to other articles, not more of this one. A label, not
 * a sentence: "Read more about ad blocking here." ends like prose and is part of the article.
 */
const OTHER_ARTICLES = new RegExp(
  '^(?:' +
    [
      'related|more from|more stories|read next|read more|recommended|you (?:may|might) also|most (?:read|popular|viewed)|must read|trending|popular posts|latest (?:news|posts|stories)|further reading on this site',
      'see also|more (?:news|articles|posts)',
      // German
      'mehr zum thema|mehr zu |beiträge zum thema|empfohlene beiträge|empfehlungen (?:aus|für sie|der redaktion)|meist(?:gelesen|diskutiert|geklickt|kommentiert)e?|das (?:thema )?könnte (?:dich|sie)|diese artikel könnten',
      'weitere (?:themen|artikel|beiträge|nachrichten|news|meldungen|tipps|infos für)|entdecke weitere|entdecken sie (?:jetzt|weitere|mehr)|neueste (?:artikel|beiträge|nachrichten)|ähnliche (?:artikel|beiträge|themen)',
      'weiterführende (?:links?|artikel|informationen)|noch mehr|zum weiterlesen|weiterlesen|mehr lesen|lesen sie auch|auch interessant|schon gelesen|siehe auch|verwandte (?:artikel|beiträge|themen)|aktuelle (?:artikel|beiträge|nachrichten)',
      // French, Spanish, Portuguese, Polish
      '(?:à |a )?lire aussi|sur le même sujet|les plus lus|dans la même rubrique|voir aussi',
      'noticias relacionadas|más noticias|lo más (?:leído|visto)|(?:le|te) puede interesar|veja também|leia também|mais lidas',
      'czytaj (?:też|także)|zobacz (?:też|także)|najczęściej czytane',
    ].join('|') +
    ')',
  'i',
);

export const isOtherArticlesHeading = (text: string): boolean => {
  const label = normalizeSpace(text);
  return !/[^.][.!?。]$/.test(label) && OTHER_ARTICLES.test(label.replace(/[:\s]+$/, ''));
};

// "This post may contain affiliate links…": a disclosure about the page, not part of the text.
export const isAffiliateDisclosure = (text: string): boolean =>
  text.length <= 300 && /\b(?:contains?|may contain|includes?|uses?) affiliate links\b|\bas an amazon associate\b/i.test(text);
