import type { ToastsState } from '../hooks/useToasts.ts';

/** Toasts sit in one polite live region, so each is announced once as it appears. */
export function Toasts({ state }: { state: ToastsState }) {
  return (
    <section className="toasts" aria-label="Notifications">
      <div role="status">
        <ul>
        {state.toasts.map((toast) => (
          <li key={toast.id} className="toast">
            <span className="toast-message">{toast.message}</span>
            {toast.action && (
              <button type="button" className="button button-small toast-action" onClick={() => state.act(toast.id)}>
                {toast.action.label}
              </button>
            )}
            <button type="button" className="icon-button toast-close" aria-label="Dismiss" title="Dismiss" onClick={() => state.dismiss(toast.id)}>
              <span aria-hidden="true">×</span>
            </button>
          </li>
        ))}
        </ul>
      </div>
    </section>
  );
}
