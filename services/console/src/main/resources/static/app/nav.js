/**
 * Hash routes: #/board?batch=…&district=…, #/topics/{id}, #/dashboard, #/districts, #/digests?batch=…&period=…, #/batches,
 * #/dead-letters?status=…, #/admin, #/audit?user=…&page=…, #/login?activated=…, and, open without login,
 * #/activate?username=…&code=… (the one-time activation link).
 */
export function navigate(path) {
  if (location.hash === `#${path}`) {
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  } else {
    location.hash = path;
  }
}

/** Keeps a view's filters in the address (to bookmark or share) without rendering the view again. */
export function replaceQuery(path, params) {
  const search = new URLSearchParams(Object.entries(params).filter(([, value]) => value !== '' && value !== null && value !== undefined));
  const text = search.toString();
  history.replaceState(null, '', `#${path}${text ? `?${text}` : ''}`);
}
