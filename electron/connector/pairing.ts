// Pairing: the extension asks, the app shows the same six-digit code and the user allows or
// denies it. Requests live in memory only; a code expires, and few may wait at once, so a
// flood of requests cannot bury the real one under prompts.
import { randomInt, randomUUID } from 'node:crypto';
import { CONNECTOR_LIMITS, type PairFinishResponse } from '../shared/connector-protocol.ts';
import type { TokenStore } from './token-store.ts';

/** Pairing requests waiting for an answer at once; more are refused until one is answered. */
export const MAX_PENDING_PAIRINGS = 5;

export interface PairingRequest {
  pairingId: string;
  code: string;
  client: string;
}

interface Pairing extends PairingRequest {
  expiresAt: number;
  state: 'pending' | 'approved' | 'refused';
  token: string | null;
  /** The browser the approval added: removed again if the extension never takes its token. */
  browserId: string | null;
}

export interface PairingEvents {
  /** A new request for the user to answer. */
  requested(request: PairingRequest): void;
  /** The request is answered or expired: the app stops showing it. */
  closed(pairingId: string): void;
}

export class Pairings {
  readonly #pairings = new Map<string, Pairing>();
  readonly #tokens: TokenStore;
  readonly #events: PairingEvents;
  readonly #lifetimeMs: number;
  readonly #now: () => number;

  constructor(tokens: TokenStore, events: PairingEvents, options: { lifetimeMs?: number; now?: () => number } = {}) {
    this.#tokens = tokens;
    this.#events = events;
    this.#lifetimeMs = options.lifetimeMs ?? CONNECTOR_LIMITS.pairingMs;
    this.#now = options.now ?? Date.now;
  }

  /** A new request, or null when too many wait already. */
  start(client: string): { pairingId: string; code: string; expiresInMs: number } | null {
    this.#expire();
    const waiting = [...this.#pairings.values()].filter((p) => p.state === 'pending').length;
    if (waiting >= MAX_PENDING_PAIRINGS) return null;
    const pairing: Pairing = {
      pairingId: randomUUID(),
      code: String(randomInt(0, 1_000_000)).padStart(6, '0'),
      client,
      expiresAt: this.#now() + this.#lifetimeMs,
      state: 'pending',
      token: null,
      browserId: null,
    };
    this.#pairings.set(pairing.pairingId, pairing);
    // The prompt goes away on time even if nothing else happens meanwhile.
    setTimeout(() => this.#expire(), this.#lifetimeMs + 10).unref();
    this.#events.requested({ pairingId: pairing.pairingId, code: pairing.code, client });
    return { pairingId: pairing.pairingId, code: pairing.code, expiresInMs: this.#lifetimeMs };
  }

  /** What the extension learns when it asks; an approved token is handed out once. */
  finish(pairingId: string): PairFinishResponse {
    this.#expire();
    const pairing = this.#pairings.get(pairingId);
    if (!pairing) return { status: 'expired' };
    if (pairing.state === 'pending') return { status: 'pending' };
    this.#pairings.delete(pairingId);
    if (pairing.state === 'refused' || !pairing.token) return { status: 'refused' };
    return { status: 'approved', token: pairing.token };
  }

  /** The user's answer; false when the request is gone (expired, or answered already). */
  answer(pairingId: string, allow: boolean): boolean {
    this.#expire();
    const pairing = this.#pairings.get(pairingId);
    if (!pairing || pairing.state !== 'pending') return false;
    pairing.state = allow ? 'approved' : 'refused';
    if (allow) {
      const { token, browser } = this.#tokens.issue(pairing.client);
      pairing.token = token;
      pairing.browserId = browser.id;
      // The extension polls every second or so; it gets as long again to collect the token.
      pairing.expiresAt = this.#now() + this.#lifetimeMs;
    }
    this.#events.closed(pairingId);
    return true;
  }

  /** Requests still waiting for the user (a window opened after they came shows them too). */
  pending(): PairingRequest[] {
    this.#expire();
    return [...this.#pairings.values()].filter((p) => p.state === 'pending').map(({ pairingId, code, client }) => ({ pairingId, code, client }));
  }

  #expire(): void {
    const now = this.#now();
    for (const [id, pairing] of this.#pairings) {
      if (pairing.expiresAt > now) continue;
      this.#pairings.delete(id);
      if (pairing.state === 'pending') this.#events.closed(id);
      if (pairing.browserId) this.#tokens.revoke(pairing.browserId);
    }
  }
}
