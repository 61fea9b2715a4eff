// Vitest setup: tests talk to loopback servers and nothing else. A fixture page may name an
// outside host (an og:image on the publisher's CDN, say); resolving it would send a DNS query
// off the machine and make the test wait on the network. Here such a lookup fails at once,
// exactly as it does on a machine without a network, and the test sees the real failure path.
import dns from 'node:dns';

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|::1|\[::1\])$/i;
const refused = (hostname: string) =>
  Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname} (tests stay on loopback)`), { code: 'ENOTFOUND', hostname });

const realLookup = dns.lookup;
const guardedLookup = ((hostname: string, ...rest: unknown[]) => {
  const callback = rest.at(-1) as (error: Error | null) => void;
  if (!LOOPBACK.test(hostname)) {
    process.nextTick(() => callback(refused(hostname)));
    return;
  }
  return (realLookup as (...args: unknown[]) => void)(hostname, ...rest);
}) as typeof dns.lookup;
dns.lookup = guardedLookup;

const realPromiseLookup = dns.promises.lookup;
dns.promises.lookup = ((hostname: string, ...rest: unknown[]) =>
  LOOPBACK.test(hostname)
    ? (realPromiseLookup as (...args: unknown[]) => Promise<unknown>)(hostname, ...rest)
    : Promise.reject(refused(hostname))) as typeof dns.promises.lookup;
