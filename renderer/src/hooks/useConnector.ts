import { useCallback, useEffect, useState } from 'react';
import type { ConnectedBrowser, ConnectorPairingRequest } from '../../../electron/ipc/api.ts';
import { call, errorMessage, subscribe } from '../lib/bridge.ts';

export interface ConnectorState {
  /** Pairing requests waiting for the user, oldest first. */
  pairings: ConnectorPairingRequest[];
  browsers: ConnectedBrowser[];
  error: string | null;
  answer(pairingId: string, allow: boolean): Promise<void>;
  revoke(id: string): Promise<void>;
  reload(): void;
}

/**
 * The browser connector as the settings show it: pairing requests (pushed by the core, and read
 * once on load for those that came before the window) and the paired browsers.
 */
export function useConnector(): ConnectorState {
  const [pairings, setPairings] = useState<ConnectorPairingRequest[]>([]);
  const [browsers, setBrowsers] = useState<ConnectedBrowser[]>([]);
  const [error, setError] = useState<string | null>(null);

  const reload = useCallback(() => {
    call('listConnectedBrowsers')
      .then(setBrowsers)
      .catch((e: unknown) => setError(errorMessage(e)));
  }, []);

  useEffect(() => {
    let current = true;
    call('listConnectorPairings')
      .then((waiting) => current && setPairings((shown) => [...shown, ...waiting.filter((w) => !shown.some((s) => s.pairingId === w.pairingId))]))
      .catch(() => undefined);
    reload();
    const offRequested = subscribe('connectorPairing', (request) =>
      setPairings((shown) => (shown.some((s) => s.pairingId === request.pairingId) ? shown : [...shown, request])),
    );
    const offClosed = subscribe('connectorPairingClosed', ({ pairingId }) => {
      setPairings((shown) => shown.filter((s) => s.pairingId !== pairingId));
      // An approval adds a browser; an approval never collected removes it again.
      reload();
    });
    return () => {
      current = false;
      offRequested();
      offClosed();
    };
  }, [reload]);

  const answer = useCallback(async (pairingId: string, allow: boolean) => {
    setPairings((shown) => shown.filter((s) => s.pairingId !== pairingId));
    try {
      await call('answerConnectorPairing', pairingId, allow);
      setError(null);
    } catch (e) {
      setError(errorMessage(e));
    }
    reload();
  }, [reload]);

  const revoke = useCallback(async (id: string) => {
    try {
      await call('revokeConnectedBrowser', id);
      setError(null);
    } catch (e) {
      setError(errorMessage(e));
    }
    reload();
  }, [reload]);

  return { pairings, browsers, error, answer, revoke, reload };
}
