// The window's size and place, remembered between runs. A remembered place is used only if
// the window would still be on one of today's screens: a laptop unplugged from the monitor
// it was last on opens the window centred, not out of sight.
import { z } from 'zod';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const MIN_WIDTH = 480;
export const MIN_HEIGHT = 400;

const windowStateSchema = z.object({
  width: z.number().int().min(MIN_WIDTH).max(10_000),
  height: z.number().int().min(MIN_HEIGHT).max(10_000),
  x: z.number().int().optional(),
  y: z.number().int().optional(),
  maximized: z.boolean(),
});

export type WindowState = z.infer<typeof windowStateSchema>;

export const DEFAULT_WINDOW: WindowState = { width: 1200, height: 800, maximized: false };

/** How much of the window must be on a screen for its place to be kept: enough to grab its title bar. */
const VISIBLE = { width: 120, height: 48 };

function overlap(a: Rect, b: Rect): { width: number; height: number } {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return { width: Math.max(0, width), height: Math.max(0, height) };
}

/** The state to open with: the stored one when valid, fitted to the screens (their work areas). */
export function restoreWindowState(stored: unknown, screens: readonly Rect[]): WindowState {
  const parsed = windowStateSchema.safeParse(stored);
  const state = parsed.success ? parsed.data : DEFAULT_WINDOW;
  if (screens.length === 0) return state;
  // No larger than the largest screen.
  const width = Math.min(state.width, Math.max(MIN_WIDTH, ...screens.map((s) => s.width)));
  const height = Math.min(state.height, Math.max(MIN_HEIGHT, ...screens.map((s) => s.height)));
  const fitted: WindowState = { width, height, maximized: state.maximized };
  if (state.x === undefined || state.y === undefined) return fitted;
  const frame = { x: state.x, y: state.y, width, height };
  const onScreen = screens.some((screen) => {
    const seen = overlap(frame, screen);
    return seen.width >= VISIBLE.width && seen.height >= VISIBLE.height;
  });
  return onScreen ? { ...fitted, x: state.x, y: state.y } : fitted;
}

/** What is stored when the window closes: its normal (not maximised) bounds, and whether it was maximised. */
export function windowStateToStore(normalBounds: Rect, maximized: boolean): WindowState {
  return {
    width: Math.max(MIN_WIDTH, Math.round(normalBounds.width)),
    height: Math.max(MIN_HEIGHT, Math.round(normalBounds.height)),
    x: Math.round(normalBounds.x),
    y: Math.round(normalBounds.y),
    maximized,
  };
}
