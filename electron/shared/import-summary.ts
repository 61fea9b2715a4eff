// What an import of exported links reports back: how many were added, and what was skipped.

export interface ImportSummary {
  /** Which export format was recognised. */
  format: string;
  added: number;
  alreadySaved: number;
  problemCount: number;
  /** The first problems, each with its row in the file and why it was skipped. */
  problems: Array<{ row: number; reason: string }>;
}
