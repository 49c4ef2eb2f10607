import { api } from './api.js';
import { onBoardChange } from './live.js';
import { hasRole } from './session.js';

/**
 * The signed-in user's unread notifications, for the badge in the header. Notifications are made by
 * notification-service from the same events the board shows, so the count is fetched again shortly after each board
 * change (and now and then besides) rather than held open on a stream per browser through the gateway.
 */
const REFRESH_MILLIS = 15000;
const AFTER_CHANGE_MILLIS = [1500, 5000];
const listeners = new Set();
let unread = null;
let timer = null;
let stopBoard = null;
let pending = [];

/** Who the user hears as: its organisation, the district coordination or district leadership; analysts hear nothing. */
export function recipientOf(session) {
  if (hasRole(session, 'COORDINATOR')) {
    return 'coordinator';
  }
  if (hasRole(session, 'STAFF') && session.orgId) {
    return session.orgId;
  }
  return hasRole(session, 'LEADERSHIP') ? 'leadership' : null;
}

export function unreadCount() {
  return unread;
}

/** Registers a listener of the unread count; returns what unregisters it. */
export function onUnread(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Fetches the count now and tells the listeners when it changed. */
export async function refreshUnread() {
  try {
    const answer = await api.get('/api/inbox/unread-count');
    if (answer.unread !== unread) {
      unread = answer.unread;
      listeners.forEach((listener) => listener(unread));
    }
  } catch (unavailable) {
    // The badge keeps its last count while notification-service is away.
  }
}

export function followInbox(session) {
  stopInbox();
  if (!recipientOf(session)) {
    return;
  }
  refreshUnread();
  timer = setInterval(refreshUnread, REFRESH_MILLIS);
  stopBoard = onBoardChange(() => {
    pending.forEach(clearTimeout);
    pending = AFTER_CHANGE_MILLIS.map((delay) => setTimeout(refreshUnread, delay));
  });
}

export function stopInbox() {
  clearInterval(timer);
  pending.forEach(clearTimeout);
  pending = [];
  if (stopBoard) {
    stopBoard();
    stopBoard = null;
  }
  unread = null;
}
