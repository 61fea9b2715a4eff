import type {
  ApiArgs,
  ApiEventName,
  ApiEvents,
  ApiName,
  ApiReturn,
} from '../../../electron/ipc/api.ts';

type Value<K extends ApiName> = Extract<ApiReturn<K>, { ok: true }>['value'];

/** A failed call, carrying the main process's error code and message. */
export class ApiCallError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = 'ApiCallError';
    this.code = code;
  }
}

/** Calls the main process and unwraps the Result, so components can use try/catch. */
export async function call<K extends ApiName>(name: K, ...args: ApiArgs<K>): Promise<Value<K>> {
  const result = await window.lectern.invoke(name, ...args);
  if (!result.ok) throw new ApiCallError(result.error.code, result.error.message);
  return result.value as Value<K>;
}

export function subscribe<E extends ApiEventName>(
  event: E,
  listener: (payload: ApiEvents[E]) => void,
): () => void {
  return window.lectern.on(event, listener);
}

export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
