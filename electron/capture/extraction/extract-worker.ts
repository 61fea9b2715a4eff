import { parentPort } from 'node:worker_threads';
import { CaptureError } from '../capture-error.ts';
import { extractArticle } from './extract-article.ts';

// One extraction thread. Messages in: { id, html, url }. Messages out: { id, ok, result } or
// { id, ok: false, error: { code, message } }. The pool replaces this thread if it hangs.

export interface ExtractRequest {
  id: number;
  html: string;
  url: string;
}

parentPort?.on('message', (request: ExtractRequest) => {
  try {
    const result = extractArticle(request.html, request.url);
    parentPort?.postMessage({ id: request.id, ok: true, result });
  } catch (error) {
    const code = error instanceof CaptureError ? error.code : 'extract-failed';
    const message = error instanceof CaptureError ? error.message : `Lectern could not read this page (${error instanceof Error ? error.message : String(error)}).`;
    parentPort?.postMessage({ id: request.id, ok: false, error: { code, message } });
  }
});

// Module loading (linkedom, Readability) is not the page's fault: the pool starts a page's
// clock only once this thread says it is ready.
parentPort?.postMessage({ ready: true });
