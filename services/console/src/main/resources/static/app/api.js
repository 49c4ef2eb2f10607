import { currentLanguage } from './i18n.js';
import { currentSession } from './session.js';

/** An answer other than 2xx, read from its problem details (RFC 9457). */
export class Problem extends Error {
  constructor(status, body) {
    super((body && (body.detail || body.title)) || `HTTP ${status}`);
    this.status = status;
    this.type = body && body.type;
    this.title = body && body.title;
    this.fieldErrors = (body && Array.isArray(body.errors)) ? body.errors : [];
  }
}

let whenUnauthenticated = () => {};

/** Where to go when the token is missing or no longer accepted. */
export function onUnauthenticated(handler) {
  whenUnauthenticated = handler;
}

function newIdempotencyKey() {
  if (crypto.randomUUID) {
    return crypto.randomUUID();
  }
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

async function send(method, path, { body, accept = 'application/json', authenticated = true, idempotencyKey = null, quiet = false } = {}) {
  const headers = { Accept: accept, 'Accept-Language': currentLanguage() };
  const session = currentSession();
  if (authenticated && session) {
    headers.Authorization = `Bearer ${session.accessToken}`;
  }
  // A form with files goes as multipart: the browser writes its Content-Type, with the boundary.
  const multipart = body instanceof FormData;
  if (body !== undefined && !multipart) {
    headers['Content-Type'] = 'application/json';
  }
  // One key per submission: a command sent again (after a lost answer or a retry) is not run twice.
  if (idempotencyKey) {
    headers['Idempotency-Key'] = idempotencyKey;
  }
  const payload = body === undefined || multipart ? body : JSON.stringify(body);
  const response = await fetch(path, { method, headers, body: payload });
  if (!response.ok) {
    const text = await response.text();
    let problem = null;
    try {
      problem = text ? JSON.parse(text) : null;
    } catch (notJson) {
      problem = { detail: text };
    }
    if (response.status === 401 && authenticated && !quiet) {
      whenUnauthenticated();
    }
    throw new Problem(response.status, problem);
  }
  if (accept !== 'application/json') {
    return response.blob();
  }
  const text = await response.text();
  return text ? JSON.parse(text) : {};
}

/**
 * Problems that mean the owning service has not yet heard what the board already shows (it learns through
 * Kafka, moments later): the same command, with the same idempotency key, is sent again shortly.
 */
const NOT_YET_KNOWN = ['topic-not-found', 'topic-not-awarded'];
const RETRIES = 10;
const RETRY_MILLIS = 500;

function notYetKnown(error) {
  return error instanceof Problem && NOT_YET_KNOWN.some((code) => (error.type || '').endsWith(`/${code}`));
}

/** Sends again, a moment later, while the problem says the topic is not yet known where it was sent. */
async function untilKnown(sendOnce) {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await sendOnce();
    } catch (error) {
      if (!notYetKnown(error) || attempt >= RETRIES) {
        throw error;
      }
      await new Promise((resolve) => { setTimeout(resolve, RETRY_MILLIS); });
    }
  }
}

async function command(path, body) {
  const key = newIdempotencyKey();
  return untilKnown(() => send('POST', path, { body, idempotencyKey: key }));
}

/**
 * One file sent as multipart form data. The server keeps a file once per part, whatever the number of sendings,
 * so no idempotency key is needed; a topic just posted may take a moment to be known to the console.
 */
function upload(path, fields) {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) {
    form.append(name, value);
  }
  return untilKnown(() => send('POST', path, { body: form }));
}

/**
 * A vote through a one-time link. Whoever is signed in in this browser votes as themselves: the server counts a vote
 * by the poster's own staff once per round (docs/rules.md). A sign-in no longer accepted does not stop the vote.
 */
async function vote(token, body) {
  const path = `/api/evaluations/${encodeURIComponent(token)}`;
  const idempotencyKey = newIdempotencyKey();
  if (currentSession()) {
    try {
      return await send('POST', path, { body, authenticated: true, idempotencyKey, quiet: true });
    } catch (problem) {
      if (!(problem instanceof Problem) || problem.status !== 401) {
        throw problem;
      }
    }
  }
  return send('POST', path, { body, authenticated: false, idempotencyKey });
}

export const api = {
  get: (path) => send('GET', path),
  /** A command: stored once even when sent twice. */
  post: command,
  /** Replaces a resource (the notification settings): the same request twice leaves the same state. */
  put: (path, body) => send('PUT', path, { body }),
  login: (username, password) => send('POST', '/api/auth/login', { body: { username, password }, authenticated: false }),
  /** Sets the password of an invited (or reset) account with its one-time activation code: no one is signed in for it. */
  activate: (username, code, password) => send('POST', '/api/auth/activate', { body: { username, code, password }, authenticated: false }),
  vote,
  download: (path, accept) => send('GET', path, { accept }),
  upload,
};

/** A query string from the filled-in parameters only. */
export function query(params) {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== '') {
      search.set(name, value);
    }
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** The spreadsheet formats the console downloads, by their file extension. */
export const EXPORT_TYPES = {
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** Saves a downloaded file under the given name. */
export function saveFile(blob, filename) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}
