// Batch extraction over stdin/stdout, one JSON object per line, answers in request order:
//   in:  {"id": …, "url": "https://…", "html": "<!doctype html>…"}
//   out: {"id","title","byline","siteName","publishedTime","lang","excerpt","text","html","ms"}
//        or {"id","error"}
// Runs until stdin closes (npm run extract -- --jsonl). Diagnostics go to stderr only.
import { extractArticle } from '../electron/capture/extraction/extract-article.ts';

interface Request {
  id?: unknown;
  url?: unknown;
  html?: unknown;
}

// JSON allows U+2028/U+2029 raw, but line-oriented readers (and JavaScript before ES2019) split on them.
const toLine = (value: unknown): string => `${JSON.stringify(value).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029')}\n`;

function answer(line: string): unknown {
  let request: Request;
  try {
    request = JSON.parse(line) as Request;
  } catch (error) {
    return { id: null, error: `invalid JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  const id = request.id ?? null;
  if (typeof request.html !== 'string' || typeof request.url !== 'string') {
    return { id, error: 'each line needs string "url" and "html" fields' };
  }
  const started = performance.now();
  try {
    const extracted = extractArticle(request.html, request.url);
    const ms = Math.round((performance.now() - started) * 100) / 100;
    return {
      id,
      title: extracted.title,
      byline: extracted.byline,
      siteName: extracted.siteName,
      publishedTime: extracted.publishedTime,
      lang: extracted.lang,
      excerpt: extracted.excerpt,
      text: extracted.text,
      html: extracted.html,
      ms,
    };
  } catch (error) {
    return { id, error: error instanceof Error ? error.message : String(error) };
  }
}

// Split on "\n" only: readline would also break lines at U+2028/U+2029, which JSON may contain raw.
async function* stdinLines(): AsyncGenerator<string> {
  let pending = '';
  process.stdin.setEncoding('utf8');
  for await (const chunk of process.stdin as AsyncIterable<string>) {
    pending += chunk;
    let newline = pending.indexOf('\n');
    while (newline !== -1) {
      yield pending.slice(0, newline).replace(/\r$/, '');
      pending = pending.slice(newline + 1);
      newline = pending.indexOf('\n');
    }
  }
  if (pending) yield pending;
}

async function main(): Promise<void> {
  if (!process.argv.includes('--jsonl')) process.stderr.write('extract-jsonl: reading JSON lines from stdin (pass --jsonl to silence this note)\n');
  let count = 0;
  for await (const line of stdinLines()) {
    if (!line.trim()) continue;
    count++;
    if (!process.stdout.write(toLine(answer(line)))) {
      await new Promise<void>((resolve) => process.stdout.once('drain', resolve));
    }
  }
  process.stderr.write(`extract-jsonl: ${count} page(s) done\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`extract-jsonl: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
