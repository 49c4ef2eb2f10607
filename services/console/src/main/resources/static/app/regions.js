import { h } from './dom.js';
import { forgetDrafts } from './drafts.js';
import { t } from './i18n.js';

/**
 * Live updates redraw the data a page shows, never a form someone is using: its values, ticks, focus and
 * caret stay. A keyed region holds such forms (e.g. a topic's actions) and draws again only those nobody uses.
 */

function changed(control) {
  if (control.type === 'checkbox' || control.type === 'radio') {
    return control.checked !== control.defaultChecked;
  }
  if (control instanceof HTMLSelectElement) {
    const options = [...control.options];
    const initial = Math.max(0, options.findIndex((option) => option.defaultSelected));
    return control.selectedIndex !== initial;
  }
  return control.value !== control.defaultValue;
}

/** Focus inside, anything changed from how it was drawn, a submission under way or a problem shown. */
export function inUse(part) {
  return part.contains(document.activeElement)
    || [...part.querySelectorAll('input, select, textarea')].some(changed)
    || part.matches('[aria-busy=true]') || Boolean(part.querySelector('[aria-busy=true]'))
    || [...part.querySelectorAll('.form-alert, .field-error')].some((problem) => !problem.hidden);
}

function formsOf(part) {
  return part instanceof HTMLFormElement ? [part] : [...part.querySelectorAll('form')];
}

/**
 * Parts by key inside the container. update(entries), with entries [key, build] in their order, keeps each part
 * in use and builds the others afresh; a part in use whose key is no longer wanted stays where it was, as typed,
 * with the notice staleNotice(key) words (its action no longer applies) and a button to discard it.
 */
export function keyedRegion(container, staleNotice) {
  let parts = new Map();

  function discard(key, part) {
    formsOf(part).forEach(forgetDrafts);
    part.remove();
    parts.delete(key);
  }

  function markStale(key, part) {
    formsOf(part).forEach((form) => form.querySelectorAll('button[type=submit]').forEach((button) => { button.disabled = true; }));
    const existing = part.querySelector(':scope > .stale-notice');
    if (existing) {
      existing.querySelector('p').textContent = staleNotice(key);
      return;
    }
    part.prepend(h('div', { class: 'stale-notice', role: 'status' },
      h('p', {}, staleNotice(key)),
      h('button', { type: 'button', class: 'button', 'data-action': 'discard', onclick: () => discard(key, part) }, t('form.discard'))));
  }

  function unmarkStale(part) {
    const notice = part.querySelector(':scope > .stale-notice');
    if (notice) {
      notice.remove();
      formsOf(part).forEach((form) => form.querySelectorAll('button[type=submit]').forEach((button) => { button.disabled = false; }));
    }
  }

  return {
    update(entries) {
      const builders = new Map(entries);
      const keys = entries.map(([key]) => key);
      // A stale part in use keeps its place: right after the part it followed.
      let previous = null;
      for (const [key, part] of parts) {
        if (!builders.has(key) && inUse(part)) {
          keys.splice(previous === null ? 0 : keys.indexOf(previous) + 1, 0, key);
        }
        if (keys.includes(key)) {
          previous = key;
        }
      }
      const next = new Map(keys.map((key) => {
        const kept = parts.get(key);
        if (!builders.has(key)) {
          markStale(key, kept);
          return [key, kept];
        }
        if (kept && inUse(kept)) {
          unmarkStale(kept);
          return [key, kept];
        }
        return [key, builders.get(key)()];
      }));
      placeChildren(container, [...next.values()]);
      parts = next;
    },
    /** Everything goes, e.g. when the person chose other data to look at. */
    clear() {
      parts.forEach((part) => formsOf(part).forEach(forgetDrafts));
      parts = new Map();
      container.replaceChildren();
    },
    isEmpty() {
      return parts.size === 0;
    },
  };
}

/**
 * Makes the parent's children the given nodes, in order, moving only what must move: a node moved out of the
 * page even for an instant loses focus, so the focused control and its caret are put back if that happened.
 */
function placeChildren(parent, nodes) {
  const active = document.activeElement;
  const focusedInside = parent.contains(active);
  const caret = focusedInside && typeof active.selectionStart === 'number'
    ? [active.selectionStart, active.selectionEnd, active.selectionDirection] : null;
  let cursor = parent.firstChild;
  for (const node of nodes) {
    if (node === cursor) {
      cursor = cursor.nextSibling;
    } else {
      parent.insertBefore(node, cursor);
    }
  }
  while (cursor) {
    const gone = cursor;
    cursor = cursor.nextSibling;
    gone.remove();
  }
  if (focusedInside && active.isConnected && document.activeElement !== active) {
    active.focus({ preventScroll: true });
    if (caret) {
      active.setSelectionRange(...caret);
    }
  }
}
