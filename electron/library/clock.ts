// Timestamps for created_at/updated_at: ISO 8601 UTC, strictly increasing within a process so
// that two changes in the same millisecond still order (a future sync compares updated_at).
let lastMs = 0;

export function nowIso(): string {
  const ms = Math.max(Date.now(), lastMs + 1);
  lastMs = ms;
  return new Date(ms).toISOString();
}
