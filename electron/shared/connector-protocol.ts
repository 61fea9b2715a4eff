// The browser connector's wire contract: the app's loopback server (electron/connector/) and
// the WebExtension (extension/) both build against this one file. JSON over HTTP/1.1 on
// 127.0.0.1 or ::1 only; every request but status and the pairing calls carries
// `Authorization: Bearer <token>`, and every request comes from an extension origin.

/** Tried in order by the extension; the app listens on the first that is free. */
export const CONNECTOR_PORTS = [47813, 47814, 47815, 47816, 47817] as const;

export const CONNECTOR_PATHS = {
  /**
   * GET ?challenge=<hex>&hint=<hex> → ConnectorStatus. No token is sent here: the extension
   * first makes the app prove it holds the token's hash (`proof`), so a program that took the
   * port while Lectern was closed never receives the token or a page.
   */
  status: '/v1/status',
  /** POST PairStartRequest → PairStartResponse: the app shows the code and asks the user. */
  pairStart: '/v1/pair/start',
  /** POST PairFinishRequest → PairFinishResponse: polled until the user answers in the app. */
  pairFinish: '/v1/pair/finish',
  /** POST SaveUrlRequest → SaveResponse: the app fetches the page itself. Answers at once (status 'pending', no missingImages). */
  saveUrl: '/v1/save-url',
  /**
   * POST SavePageRequest → SaveResponse: the page as the browser rendered it. The page is kept
   * on disk until saved (a quit does not lose it) and the answer waits for the capture, at most
   * about 60 s: then status is 'done' (or 'failed') and missingImages lists the images the app
   * could not fetch. Offline, or past the wait, it answers with status 'pending' and no
   * missingImages: the article is saved later; ask saved?url= for its status.
   */
  savePage: '/v1/save-page',
  /**
   * POST SaveImagesRequest → SaveImagesResponse: images the app could not fetch itself. Only
   * URLs from that article's last missingImages are taken (others are ignored), the type is
   * read from the bytes (the mime sent is not trusted), each image is at most 8 MB, at most 150.
   * The article is captured again with them; the answer waits like save-page. 404 when nothing
   * of that article waits for images (none were missing, or the page was saved a day ago).
   */
  saveImages: '/v1/save-images',
  /** GET ?url=… → SavedLookup. */
  saved: '/v1/saved',
} as const;

/** Bodies above these are refused with 413 before they are read in full. */
export const CONNECTOR_LIMITS = {
  /** Any JSON request but the two below. */
  smallBodyBytes: 64 * 1024,
  /** save-page: the rendered HTML (and selection). */
  pageBodyBytes: 16 * 1024 * 1024,
  /** save-images: base64 images in one request. */
  imagesBodyBytes: 32 * 1024 * 1024,
  /** Pairing codes stay valid this long. */
  pairingMs: 2 * 60 * 1000,
} as const;

export interface ConnectorStatus {
  app: 'lectern';
  version: string;
  /** Whether the token the hint names belongs to a paired (and not revoked) browser. */
  paired: boolean;
  /** When paired: hex HMAC-SHA256 of the challenge, keyed by sha256(token) (see connectorProofHint). */
  proof?: string;
}

/**
 * How the status probe names a token without sending it: the first 16 hex characters of
 * sha256(hex(sha256(token))). The app keeps sha256(token) alone and can match it.
 */
export const CONNECTOR_HINT_CHARS = 16;

export interface PairStartRequest {
  /** Shown to the user in the app, e.g. "Chromium on Linux". At most 100 characters. */
  client: string;
}
export interface PairStartResponse {
  pairingId: string;
  /** Six digits, shown by both the extension and the app so the user can compare them. */
  code: string;
  expiresInMs: number;
}

export interface PairFinishRequest {
  pairingId: string;
}
export type PairFinishResponse =
  | { status: 'pending' }
  | { status: 'approved'; token: string }
  | { status: 'refused' }
  | { status: 'expired' };

export interface SaveUrlRequest {
  url: string;
}

export interface SavePageRequest {
  url: string;
  /** document.documentElement.outerHTML as the user sees it (after login, banners, scripts). */
  html: string;
  title?: string;
  /** The selection's HTML, if the user selected something: then that is the article. */
  selectionHtml?: string;
}

export interface SavedArticleRef {
  id: string;
  url: string;
  title: string;
  /** The article's capture status: 'pending' | 'fetching' | 'done' | 'failed'. */
  status: string;
}

export interface SaveResponse {
  article: SavedArticleRef;
  /**
   * Images of the saved page that the app could not fetch (absolute URLs). The extension may
   * send them with save-images, read from the page in the browser.
   */
  missingImages: string[];
}

export interface SaveImagesRequest {
  articleId: string;
  images: { url: string; mime: string; base64: string }[];
}
export interface SaveImagesResponse {
  /** How many of the sent images the article now shows from the cache. */
  stored: number;
}

export type SavedLookup = { saved: false } | { saved: true; article: SavedArticleRef };

/** Every error answers { error: { code, message } } with a 4xx/5xx status. */
export interface ConnectorError {
  /** too-many-requests (429): more pairing requests wait than the app shows at once. */
  error: { code: 'unauthorized' | 'forbidden' | 'bad-request' | 'too-large' | 'not-found' | 'too-many-requests' | 'internal'; message: string };
}
