// The renderer's only door to the main process: one invoke function and one event
// subscription. Sandboxed preloads cannot require local modules, hence types-only imports.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { ApiEventName, ApiEvents, EventChannel, InvokeChannel, LecternBridge } from './ipc/api';

const INVOKE: InvokeChannel = 'lectern:invoke';
const EVENT: EventChannel = 'lectern:event';

const bridge: LecternBridge = {
  invoke: (name, ...args) => ipcRenderer.invoke(INVOKE, name, args),
  on: (event, listener) => {
    const forward = (_e: IpcRendererEvent, name: ApiEventName, payload: ApiEvents[typeof event]) => {
      if (name === event) listener(payload);
    };
    ipcRenderer.on(EVENT, forward);
    return () => void ipcRenderer.removeListener(EVENT, forward);
  },
};

contextBridge.exposeInMainWorld('lectern', bridge);
