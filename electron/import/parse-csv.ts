// A small RFC 4180 CSV reader (quoted fields, doubled quotes, CRLF, newlines inside quotes):
// Instapaper and Pocket both export CSV, and neither needs more than this.

export interface CsvRows {
  rows: Array<{ line: number; fields: string[] }>;
  /** Line of a quote never closed: everything after it was read as one field. */
  unclosedQuoteLine: number | null;
}

/** Rows of fields, with the 1-based line each row starts on. */
export function parseCsv(text: string): CsvRows {
  let quoteLine = 0;
  const rows: Array<{ line: number; fields: string[] }> = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else {
        if (ch === '\n') line++;
        field += ch;
      }
      continue;
    }
    if (ch === '"' && field === '') {
      quoted = true;
      quoteLine = line;
    }
    else if (ch === ',') {
      fields.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      fields.push(field);
      if (fields.some((f) => f !== '')) rows.push({ line: rowLine, fields });
      fields = [];
      field = '';
      line++;
      rowLine = line;
    } else field += ch;
  }
  if (quoted) return { rows, unclosedQuoteLine: quoteLine };
  fields.push(field);
  if (fields.some((f) => f !== '')) rows.push({ line: rowLine, fields });
  return { rows, unclosedQuoteLine: null };
}
