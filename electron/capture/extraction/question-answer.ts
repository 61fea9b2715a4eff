// Q&A pages (forums, "exchange" sites) mark up their thread with schema.org microdata: one
// Question whose itemprop="text" is the question body, an acceptedAnswer and any number of
// suggestedAnswer items with their own text. Scoring by text length would keep every answer with
// its vote counts and signatures; the marked-up question and accepted answer are the article.
// JSON-LD QAPage data is not used for the body: it is plain text (code blocks flattened) or cut short.

const QUESTION_TYPE = /(?:^|\s)https?:\/\/schema\.org\/Question(?:\s|$)/i;
const ANSWER_TYPE = /(?:^|\s)https?:\/\/schema\.org\/Answer(?:\s|$)/i;

const hasProp = (element: Element, name: string): boolean => (element.getAttribute('itemprop') ?? '').split(/\s+/).includes(name);

/** The item an element's itemprop belongs to: its nearest itemscope ancestor. */
const ownerItem = (element: Element): Element | null => element.parentElement?.closest('[itemscope]') ?? null;

/** The item's own itemprop="text" (not one of a nested item's). */
const textOf = (item: Element): Element | undefined =>
  [...item.querySelectorAll('[itemprop~="text"]')].find((element) => ownerItem(element) === item);

/**
 * The question and its accepted answer, as a new container (separated by a rule), when the page
 * marks up exactly one Question with text and an accepted Answer with text; null otherwise.
 */
export function questionAndAcceptedAnswer(document: Document, elements: readonly Element[]): Element | null {
  const questions = elements.filter((item) => item.hasAttributes() && QUESTION_TYPE.test(item.getAttribute('itemtype') ?? '') && item.hasAttribute('itemscope') && document.contains(item));
  const question = questions.length === 1 ? questions[0] : undefined;
  if (!question) return null;
  const questionText = textOf(question);
  const accepted = [...document.querySelectorAll('[itemprop~="acceptedAnswer"][itemscope]')].filter(
    (item) => ANSWER_TYPE.test(item.getAttribute('itemtype') ?? '') && hasProp(item, 'acceptedAnswer'),
  );
  const answer = accepted.length === 1 ? accepted[0] : undefined;
  const answerText = answer ? textOf(answer) : undefined;
  if (!questionText || !answerText || questionText.contains(answerText)) return null;
  const container = document.createElement('div');
  container.append(...[...questionText.childNodes].map((node) => node.cloneNode(true)));
  container.append(document.createElement('hr'));
  container.append(...[...answerText.childNodes].map((node) => node.cloneNode(true)));
  return container;
}
