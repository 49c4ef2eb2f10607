/** The signed-in user, kept across reloads until the token expires or the user signs out. */
const STORAGE_KEY = 'jiebang.session';

export function currentSession() {
  const stored = localStorage.getItem(STORAGE_KEY);
  if (!stored) {
    return null;
  }
  const session = JSON.parse(stored);
  if (new Date(session.expiresAt) <= new Date()) {
    localStorage.removeItem(STORAGE_KEY);
    return null;
  }
  return session;
}

export function saveSession(session) {
  localStorage.setItem(STORAGE_KEY, JSON.stringify(session));
}

export function clearSession() {
  localStorage.removeItem(STORAGE_KEY);
}

export function hasRole(session, role) {
  return Boolean(session && session.roles.includes(role));
}

/**
 * The strongest role names the user, as the services decide it: coordinator, then staff, leadership, the city level
 * (reads every district, writes nothing), analyst.
 */
export function mainRole(session) {
  return ['COORDINATOR', 'STAFF', 'LEADERSHIP', 'CITY', 'ANALYST'].find((role) => hasRole(session, role)) || 'ANALYST';
}

/** The city level (市级) reads every district's board; everyone else one district's, the session's. */
export function readsAllDistricts(session) {
  return hasRole(session, 'CITY');
}
