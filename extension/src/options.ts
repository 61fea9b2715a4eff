// The options page: finds the app, pairs this browser (the user compares a 6-digit code in the
// app), keeps the token in storage.local, and unpairs.
import { ConnectorProblem, connector, findApp, storeToken, type Connection } from './connector-client.ts';

const POLL_MS = 1000;

function element<T extends HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (!found) throw new Error(`options.html lacks #${id}`);
  return found as T;
}

const appStatus = element('app-status');
const pairing = element('pairing');
const pairState = element('pair-state');
const pairButton = element<HTMLButtonElement>('pair');
const unpairButton = element<HTMLButtonElement>('unpair');
const retryButton = element<HTMLButtonElement>('retry');
const codeBox = element('code-box');
const code = element('code');
const message = element('pair-message');

/** What the app shows as the requester, e.g. "Chromium on Linux". */
function clientName(): string {
  const ua = navigator.userAgent;
  const browser = /Firefox\//.test(ua) ? 'Firefox' : /Edg\//.test(ua) ? 'Edge' : /Chrome\//.test(ua) ? 'Chromium' : 'A browser';
  const os = /Windows/.test(ua) ? 'Windows' : /Mac OS X/.test(ua) ? 'macOS' : /Linux|X11/.test(ua) ? 'Linux' : 'another system';
  return `${browser} on ${os}`;
}

function showConnection(connection: Connection): void {
  appStatus.textContent = `Lectern ${connection.status.version} is running.`;
  retryButton.hidden = true;
  pairing.hidden = false;
  pairState.textContent = connection.status.paired ? 'This browser is paired with Lectern.' : 'This browser is not paired yet.';
  pairButton.hidden = connection.status.paired;
  unpairButton.hidden = !connection.status.paired;
}

async function refresh(): Promise<Connection | null> {
  try {
    const connection = await findApp();
    showConnection(connection);
    return connection;
  } catch (error) {
    appStatus.textContent = error instanceof Error ? error.message : String(error);
    pairing.hidden = true;
    retryButton.hidden = false;
    return null;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function pair(): Promise<void> {
  message.textContent = '';
  pairButton.disabled = true;
  try {
    const connection = await findApp();
    const started = await connector.pairStart(connection.port, clientName());
    code.textContent = started.code;
    codeBox.hidden = false;
    const deadline = Date.now() + started.expiresInMs;
    for (;;) {
      const answer = await connector.pairFinish(connection.port, started.pairingId);
      if (answer.status === 'approved') {
        await storeToken(answer.token);
        break;
      }
      if (answer.status === 'refused') throw new Error('Lectern refused the pairing.');
      if (answer.status === 'expired' || Date.now() > deadline) throw new Error('The code expired: pair again.');
      await sleep(POLL_MS);
    }
    message.textContent = 'Paired: this browser can now save to Lectern.';
  } catch (error) {
    message.textContent = error instanceof ConnectorProblem || error instanceof Error ? error.message : String(error);
  } finally {
    codeBox.hidden = true;
    pairButton.disabled = false;
    await refresh();
  }
}

async function unpair(): Promise<void> {
  await storeToken(null);
  message.textContent = 'Unpaired. Revoke this browser in Lectern’s settings as well, if you no longer use it.';
  await refresh();
}

pairButton.addEventListener('click', () => void pair());
unpairButton.addEventListener('click', () => void unpair());
retryButton.addEventListener('click', () => void refresh());
void refresh();
