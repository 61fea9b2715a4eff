// Holds the pages that lectern://save links ask to save until the app can save them: links
// come on the first launch's command line and through macOS 'open-url' before the core and the
// window exist, and saving starts a fetch, which waits for the window to show.
import { parseDeepLink, type DeepLink } from './deep-link.ts';

export class LinkInbox {
  #held: string[] = [];
  #deliver: ((url: string) => void) | null = null;

  /** Checks a link; a page it names is saved now if the inbox is open, else when it opens. */
  receive(link: string): DeepLink {
    const parsed = parseDeepLink(link);
    if (!parsed.ok) return parsed;
    if (this.#deliver) this.#deliver(parsed.url);
    else this.#held.push(parsed.url);
    return parsed;
  }

  /** From now on pages go straight to `deliver`; those held so far go first, in order. */
  open(deliver: (url: string) => void): void {
    this.#deliver = deliver;
    const held = this.#held;
    this.#held = [];
    for (const url of held) deliver(url);
  }
}
