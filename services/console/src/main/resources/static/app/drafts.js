import { currentSession } from './session.js';

/**
 * What a person types into a long field (every textarea) is kept in the tab's session storage until the form
 * is sent or discarded, so a reload, or signing in again after the session timed out, brings it back. A key
 * names the user, the page and the field: someone else signing in on this tab does not see it.
 */
const PREFIX = 'jiebang.draft';
const keysOfForm = new WeakMap();

function pagePath() {
  return (location.hash.slice(1) || '/').split('?')[0];
}

/** Fills the form's textareas from their drafts and saves them as they are typed; the form needs an id. */
export function keepDrafts(form) {
  const session = currentSession();
  if (!form.id || !session) {
    return;
  }
  const keys = [...form.querySelectorAll('textarea[name]')].map((textarea) => {
    const key = [PREFIX, session.username, pagePath(), form.id, textarea.name].join('|');
    const saved = sessionStorage.getItem(key);
    if (saved !== null) {
      textarea.value = saved;
    }
    textarea.addEventListener('input', () => {
      if (textarea.value === textarea.defaultValue) {
        sessionStorage.removeItem(key);
      } else {
        sessionStorage.setItem(key, textarea.value);
      }
    });
    return key;
  });
  keysOfForm.set(form, keys);
}

/** Once the form is sent or discarded its drafts are gone. */
export function forgetDrafts(form) {
  (keysOfForm.get(form) || []).forEach((key) => sessionStorage.removeItem(key));
}
