/**
 * Builds elements from data without HTML strings, so nothing a user typed is ever parsed as markup, and
 * no inline style or handler attribute is needed (the console's Content-Security-Policy forbids both).
 */
export function h(tag, attributes, ...children) {
  const element = document.createElement(tag);
  let value;
  for (const [name, given] of Object.entries(attributes || {})) {
    if (given === null || given === undefined || given === false) {
      continue;
    }
    if (name.startsWith('on') && typeof given === 'function') {
      element.addEventListener(name.slice(2), given);
    } else if (name === 'class') {
      element.className = given;
    } else if (name === 'value') {
      value = given;
    } else if (name === 'checked') {
      // The default too, so that resetting a form brings it back.
      element.defaultChecked = Boolean(given);
      element.checked = Boolean(given);
    } else {
      element.setAttribute(name, given === true ? '' : String(given));
    }
  }
  append(element, children);
  if (value !== undefined) {
    setDefaultValue(element, value);
  }
  return element;
}

/** Sets a control's value and makes it the default, so that resetting a form brings it back. */
function setDefaultValue(element, value) {
  if (element instanceof HTMLSelectElement) {
    [...element.options].forEach((option) => { option.defaultSelected = option.value === String(value); });
  } else {
    element.defaultValue = value;
  }
  element.value = value;
}

export function append(parent, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) {
      continue;
    }
    parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return parent;
}

export function replaceChildren(parent, ...children) {
  parent.replaceChildren();
  return append(parent, children);
}

/**
 * Calls the function once the calls stop coming for a moment: many live events make one refetch. cancel()
 * drops a call still waiting, for a view being left.
 */
export function debounce(fn, millis) {
  let timer;
  const debounced = (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), millis);
  };
  debounced.cancel = () => clearTimeout(timer);
  return debounced;
}

let nextId = 0;

export function uniqueId(prefix) {
  nextId += 1;
  return `${prefix}-${nextId}`;
}
