import { useState } from 'react';
import '../styles/connector.css';
import { useConnector } from '../hooks/useConnector.ts';
import { ConnectedBrowsers } from './ConnectedBrowsers.tsx';
import { ConnectorPairing } from './ConnectorPairing.tsx';

/** The header's Connected browsers button, its dialog, and the pairing prompt (shown over anything). */
export function ConnectorSettings() {
  const connector = useConnector();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="icon-button" onClick={() => setOpen(true)} aria-label="Connected browsers" title="Connected browsers: the extension and the capture window">
        <svg width={18} height={18} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={1.8} strokeLinecap="round" aria-hidden="true" focusable="false">
          <rect x="3" y="4" width="18" height="14" rx="2" />
          <path d="M3 8h18M8 21h8M12 18v3" />
        </svg>
      </button>
      <ConnectedBrowsers open={open} onClose={() => setOpen(false)} browsers={connector.browsers} error={connector.error} onRevoke={(id) => void connector.revoke(id)} />
      <ConnectorPairing request={connector.pairings[0] ?? null} onAnswer={(id, allow) => void connector.answer(id, allow)} />
    </>
  );
}
