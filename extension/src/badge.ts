// The toolbar badge tells how the last save on a tab went; its title (the tooltip) says why.
import { ext } from './browser-api.ts';

export type BadgeState = 'saving' | 'saved' | 'failed';

const LOOK: Record<BadgeState, { text: string; color: string }> = {
  saving: { text: '…', color: '#616161' },
  saved: { text: '✓', color: '#2e7d32' },
  failed: { text: '!', color: '#c62828' },
};

export async function showBadge(tabId: number | undefined, state: BadgeState, title: string): Promise<void> {
  if (tabId === undefined) return;
  const { text, color } = LOOK[state];
  // A tab closed meanwhile has no badge to set; that is not an error worth reporting.
  await Promise.all([
    ext.action.setBadgeBackgroundColor({ tabId, color }),
    ext.action.setBadgeText({ tabId, text }),
    ext.action.setTitle({ tabId, title }),
  ]).catch(() => undefined);
}
