// The browser connector, put together: the paired browsers, pairing requests, the page inbox
// and (when enabled) the loopback HTTP server the extension talks to. The core creates it and
// closes it; the IPC handlers use its controls for the "Connected browsers" settings.
import { join } from 'node:path';
import type { AssetKeeper } from '../jobs/asset-keeper.ts';
import type { Library } from '../library/library.ts';
import { CONNECTOR_PORTS, type SavePageRequest, type SaveResponse } from '../shared/connector-protocol.ts';
import { createConnectorHandler } from './connector-routes.ts';
import { createConnectorSaves } from './connector-saves.ts';
import { listenOnLoopback, type Listening } from './listen.ts';
import { PageInbox } from './page-inbox.ts';
import { Pairings, type PairingRequest } from './pairing.ts';
import { TokenStore, type ConnectedBrowser } from './token-store.ts';

export type { ConnectedBrowser } from './token-store.ts';
export type { PairingRequest } from './pairing.ts';

export interface ConnectorOptions {
  /** Tried in order (default CONNECTOR_PORTS); 0 takes any free port (tests). */
  ports?: readonly number[];
  /** The app's version, told by status. */
  version?: string;
  /** How long pairing codes stay valid (default CONNECTOR_LIMITS.pairingMs). */
  pairingMs?: number;
  /** How long save-page waits for the capture (default 60 s). */
  captureWaitMs?: number;
}

export interface ConnectorDeps {
  dataDir: string;
  library: Library;
  keeper: AssetKeeper;
  kick(): void;
  online(): boolean;
  articleChanged(id: string): void;
  pairingRequested(request: PairingRequest): void;
  pairingClosed(pairingId: string): void;
}

/** What the app's settings do with the connector (see ipc/connector-handlers.ts). */
export interface ConnectorControls {
  answerPairing(pairingId: string, allow: boolean): boolean;
  pendingPairings(): PairingRequest[];
  listBrowsers(): ConnectedBrowser[];
  revokeBrowser(id: string): boolean;
}

export interface Connector {
  inbox: PageInbox;
  controls: ConnectorControls;
  /** The save-page operation itself (the capture window calls it too). */
  savePage(request: SavePageRequest): Promise<SaveResponse>;
  /** The port it listens on once listening; null when it is off or could not start. */
  port(): Promise<number | null>;
  close(): Promise<void>;
}

export function createConnector(deps: ConnectorDeps, options: ConnectorOptions | false): Connector {
  const tokens = new TokenStore(join(deps.dataDir, 'connected-browsers.json'));
  const pairings = new Pairings(tokens, { requested: deps.pairingRequested, closed: deps.pairingClosed }, options ? { ...(options.pairingMs ? { lifetimeMs: options.pairingMs } : {}) } : {});
  const inbox = new PageInbox(join(deps.dataDir, 'inbox'));
  void inbox.sweep((id) => deps.library.summary(id) !== null).catch((error: unknown) => console.error('connector inbox sweep failed', error));
  const closing = new AbortController();
  const saves = createConnectorSaves({
    library: deps.library,
    inbox,
    keeper: deps.keeper,
    kick: deps.kick,
    online: deps.online,
    articleChanged: deps.articleChanged,
    closing: closing.signal,
    ...(options && options.captureWaitMs ? { waitMs: options.captureWaitMs } : {}),
  });

  let listening: Promise<Listening | null> = Promise.resolve(null);
  if (options) {
    let port = 0;
    const handler = createConnectorHandler({ port: () => port, version: options.version ?? 'unknown', tokens, pairings, saves });
    // Port 0 may be free on 127.0.0.1 and taken on ::1: a few draws before giving up.
    const ports = (options.ports ?? CONNECTOR_PORTS).flatMap((p) => (p === 0 ? [0, 0, 0] : [p]));
    listening = listenOnLoopback(ports, handler).then(
      (server) => {
        port = server.port;
        return server;
      },
      (error: unknown) => {
        // The app works without it; the extension says the app is not reachable.
        console.error('the browser connector could not start', error);
        return null;
      },
    );
  }

  return {
    inbox,
    controls: {
      answerPairing: (pairingId, allow) => pairings.answer(pairingId, allow),
      pendingPairings: () => pairings.pending(),
      listBrowsers: () => tokens.list(),
      revokeBrowser: (id) => tokens.revoke(id),
    },
    savePage: (request) => saves.savePage(request),
    port: async () => (await listening)?.port ?? null,
    async close() {
      closing.abort();
      await (await listening)?.close();
    },
  };
}
