/**
 * Board changes pushed by the read model as Server-Sent Events. EventSource cannot send headers, so the
 * token travels in the query, where the console accepts it. The browser reconnects by itself after a drop,
 * to this console instance or another, saying the last change it saw (Last-Event-ID): it gets what it missed,
 * or a 'resync' when too much has passed, on which every view refetches what it shows. Views refetch what they
 * show when a change concerns them.
 */
const listeners = new Set();
const KINDS = ['topic', 'batch', 'org', 'category', 'digest', 'resync'];
let source = null;
let stateListener = () => {};

export function connectLive(token) {
  disconnectLive();
  source = new EventSource(`/api/stream?access_token=${encodeURIComponent(token)}`);
  for (const kind of KINDS) {
    source.addEventListener(kind, (event) => {
      const change = JSON.parse(event.data);
      listeners.forEach((listener) => listener(change));
    });
  }
  source.addEventListener('open', () => stateListener(true));
  source.addEventListener('error', () => stateListener(false));
}

export function disconnectLive() {
  if (source) {
    source.close();
    source = null;
  }
  stateListener(false);
}

/** Tells whether the stream is connected, e.g. for the indicator in the header. */
export function onLiveState(listener) {
  stateListener = listener;
}

/** Registers a listener for board changes; returns what unregisters it. */
export function onBoardChange(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
