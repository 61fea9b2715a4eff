import type { ListView } from '../../../electron/ipc/api.ts';
import { routeHref, VIEWS } from '../lib/route.ts';

interface Props {
  current: ListView | null;
}

export function ViewTabs({ current }: Props) {
  return (
    <nav className="view-tabs" aria-label="Reading list views">
      {VIEWS.map(({ view, label }) => (
        <a
          key={view}
          href={routeHref({ kind: 'list', view })}
          className="view-tab"
          aria-current={current === view ? 'page' : undefined}
        >
          {label}
        </a>
      ))}
    </nav>
  );
}
