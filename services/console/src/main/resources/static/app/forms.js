import { Problem } from './api.js';
import { h, uniqueId } from './dom.js';
import { forgetDrafts, keepDrafts } from './drafts.js';
import { t } from './i18n.js';

/**
 * A labelled form field whose error message sits right under it. kind is text, textarea, number, date,
 * select, checkboxes or radios; options are {value, label} or {group, options} for a select. id: the control's own
 * stable id, for a field that is only once on any page (else one is made up).
 */
export function field({ name, label, kind = 'text', required = false, value, options = [], hint, attributes = {}, id: fixedId }) {
  const id = fixedId || uniqueId(`field-${name}`);
  const errorId = `${id}-error`;
  const hintId = hint ? `${id}-hint` : null;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ');
  const error = h('p', { class: 'field-error', id: errorId, hidden: true });
  const hintText = hint ? h('p', { class: 'hint', id: hintId }, hint) : null;

  if (kind === 'checkboxes' || kind === 'radios') {
    const type = kind === 'checkboxes' ? 'checkbox' : 'radio';
    const choices = options.map((option) => h('label', { class: 'choice' },
      h('input', { type, name, value: option.value, checked: option.checked || option.value === value }), ' ', option.label));
    return h('fieldset', { class: `field ${kind}`, 'data-field': name, 'data-kind': kind, 'aria-describedby': describedBy },
      h('legend', {}, label, required ? requiredMark() : null), hintText, h('div', { class: 'choice-list' }, choices), error);
  }

  const common = { id, name, required, 'aria-describedby': describedBy, ...attributes };
  let control;
  if (kind === 'textarea') {
    control = h('textarea', { rows: 3, ...common, value: value ?? '' });
  } else if (kind === 'select') {
    control = h('select', { ...common, value: value ?? '' }, options.map(optionElement));
  } else {
    control = h('input', { type: kind, ...common, value: value ?? '' });
  }
  return h('div', { class: 'field', 'data-field': name, 'data-kind': kind },
    h('label', { for: id }, label, required ? requiredMark() : null), hintText, control, error);
}

/** A select's option elements, e.g. to offer other choices in a select already on the page. */
export function optionElements(options) {
  return options.map(optionElement);
}

function optionElement(option) {
  if (option.group) {
    return h('optgroup', { label: option.group }, option.options.map(optionElement));
  }
  return h('option', { value: option.value }, option.label);
}

function requiredMark() {
  return h('span', { class: 'required' }, ` ${t('form.required')}`);
}

/**
 * A date picked in the browser means the end of that day where the user is (a deadline), or its start for a
 * date input marked data-day="start" (the opening of a window).
 */
function instantOf(date, control) {
  return new Date(`${date}T${control.dataset.day === 'start' ? '00:00:00' : '23:59:59'}`).toISOString();
}

/** The yyyy-mm-dd of an instant where the user is, for a date input. */
export function dateInputValue(iso) {
  if (!iso) {
    return '';
  }
  const date = new Date(iso);
  return [date.getFullYear(), date.getMonth() + 1, date.getDate()].map((part) => String(part).padStart(2, '0')).join('-');
}

function readField(wrapper) {
  const kind = wrapper.dataset.kind;
  if (kind === 'checkboxes') {
    return [...wrapper.querySelectorAll('input:checked')].map((input) => input.value);
  }
  if (kind === 'radios') {
    const checked = wrapper.querySelector('input:checked');
    return checked ? checked.value : null;
  }
  const control = wrapper.querySelector('input, select, textarea');
  const raw = control.value.trim();
  if (raw === '') {
    return null;
  }
  if (kind === 'number') {
    return Number(raw);
  }
  return kind === 'date' ? instantOf(raw, control) : raw;
}

export function readForm(form) {
  const values = {};
  form.querySelectorAll('[data-field]').forEach((wrapper) => {
    values[wrapper.dataset.field] = readField(wrapper);
  });
  return values;
}

/** The message area of a whole form, for problems that name no field. */
export function formAlert() {
  return h('div', { class: 'form-alert', role: 'alert', hidden: true });
}

/**
 * Sends the form's values with submit(values, action) where action is the value of the button used; the
 * server decides what is valid, and its problem details are shown next to the fields they name. What is
 * typed into its textareas is kept as a draft until it is sent.
 */
export function bindForm(form, submit) {
  form.noValidate = true;
  if (!form.querySelector('.form-alert')) {
    form.prepend(formAlert());
  }
  keepDrafts(form);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearProblems(form);
    const buttons = [...form.querySelectorAll('button[type=submit]')];
    buttons.forEach((button) => { button.disabled = true; });
    form.setAttribute('aria-busy', 'true');
    try {
      await submit(readForm(form), event.submitter ? event.submitter.value : '');
      forgetDrafts(form);
    } catch (error) {
      showProblem(form, error);
    } finally {
      buttons.forEach((button) => { button.disabled = false; });
      form.removeAttribute('aria-busy');
    }
  });
  return form;
}

export function clearProblems(form) {
  form.querySelectorAll('.field-error').forEach((error) => {
    error.hidden = true;
    error.textContent = '';
  });
  form.querySelectorAll('[aria-invalid]').forEach((control) => control.removeAttribute('aria-invalid'));
  const alert = form.querySelector('.form-alert');
  alert.hidden = true;
  alert.textContent = '';
}

/** The server's messages next to the fields they name (coClaimantOrgIds[1] belongs to coClaimantOrgIds). */
export function showProblem(form, error) {
  if (!(error instanceof Problem)) {
    throw error;
  }
  const unplaced = [];
  let first = null;
  for (const { field: name, message } of error.fieldErrors) {
    const wrapper = form.querySelector(`[data-field="${CSS.escape(name.split(/[.[]/)[0])}"]`);
    if (!wrapper) {
      unplaced.push(`${name}: ${message}`);
      continue;
    }
    const errorText = wrapper.querySelector('.field-error');
    errorText.textContent = errorText.textContent ? `${errorText.textContent}; ${message}` : message;
    errorText.hidden = false;
    wrapper.querySelectorAll('input, select, textarea').forEach((control) => control.setAttribute('aria-invalid', 'true'));
    first = first || wrapper.querySelector('input, select, textarea');
  }
  if (error.fieldErrors.length === 0 || unplaced.length > 0) {
    const alert = form.querySelector('.form-alert');
    alert.textContent = [t('form.failed', { message: error.message }), ...unplaced].join(' ');
    alert.hidden = false;
    first = first || alert;
  }
  if (first === form.querySelector('.form-alert')) {
    first.setAttribute('tabindex', '-1');
  }
  first.focus();
}

export function submitButton(text, value = '', extra = {}) {
  return h('button', { type: 'submit', class: 'button primary', value, ...extra }, text);
}
