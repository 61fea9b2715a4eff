// The "Connected browsers" settings and the capture window, over IPC. Arguments arrive validated.
import type { ConnectorControls } from '../connector/connector.ts';
import { captureUrlAllowed } from '../desktop/capture-window.ts';
import type { ConnectorApi, Result } from './api.ts';

export interface ConnectorHandlerDeps {
  /** Absent only where a core is put together without one (never in the app). */
  connector?: ConnectorControls;
  openCaptureWindow?: (url: string) => Promise<void>;
}

const ok = <T>(value: T): Result<T> => ({ ok: true, value });

export function createConnectorHandlers(deps: ConnectorHandlerDeps): ConnectorApi {
  const { connector } = deps;
  return {
    async answerConnectorPairing(pairingId, allow) {
      return ok({ answered: connector?.answerPairing(pairingId, allow) ?? false });
    },
    async listConnectorPairings() {
      return ok(connector?.pendingPairings() ?? []);
    },
    async listConnectedBrowsers() {
      return ok(connector?.listBrowsers() ?? []);
    },
    async revokeConnectedBrowser(id) {
      return ok({ revoked: connector?.revokeBrowser(id) ?? false });
    },
    async openCaptureWindow(url) {
      if (!captureUrlAllowed(url)) return { ok: false, error: { code: 'invalid-argument', message: 'Only web pages open in the capture window.' } };
      if (!deps.openCaptureWindow) return ok({ opened: false });
      await deps.openCaptureWindow(url);
      return ok({ opened: true });
    },
  };
}
