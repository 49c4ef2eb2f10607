import { districtName } from './directory.js';
import { h } from './dom.js';
import { formatPercent, label, t } from './i18n.js';

/** Small pieces the views share. */
export function statusBadge(status) {
  return h('span', { class: `badge status-${status}`, 'data-status': status }, label('status', status));
}

/** The district a topic or batch is of (海滨区), for the city level that sees several. */
export function districtTag(id) {
  return h('span', { class: 'badge district', 'data-district': id || '' }, districtName(id));
}

export function progressBar(percent, id) {
  const value = Math.max(0, Math.min(100, percent || 0));
  return h('div', { class: 'progress' },
    h('progress', { max: 100, value, id, 'aria-label': t('topic.progress') }),
    h('span', { class: 'progress-value' }, `${value}%`));
}

/**
 * A table with a caption; columns are [heading, cell(row)] and cells may be text or elements. rowAttributes(row), if
 * given, names each row (e.g. data-org) for scripts and tests.
 */
export function table(caption, columns, rows, attributes = {}, rowAttributes = () => ({})) {
  return h('div', { class: 'table-wrap' },
    h('table', attributes,
      h('caption', {}, caption),
      h('thead', {}, h('tr', {}, columns.map(([heading]) => h('th', { scope: 'col' }, heading)))),
      h('tbody', {}, rows.length
        ? rows.map((row) => h('tr', rowAttributes(row), columns.map(([, cell]) => h('td', {}, cell(row)))))
        : h('tr', {}, h('td', { colspan: columns.length, class: 'empty' }, t('common.none'))))));
}

/** Terms and their descriptions; entries with nothing to say are left out. */
export function facts(entries, attributes = {}) {
  return h('dl', { class: 'facts', ...attributes }, entries
    .filter(([, value]) => value !== null && value !== undefined && value !== '')
    .map(([term, value]) => h('div', {}, h('dt', {}, term), h('dd', {}, value))));
}

/** A rate as the board states it: the value, and the numerator over the denominator. */
export function rateText(rate) {
  return rate ? `${formatPercent(rate.value)} (${rate.numerator}/${rate.denominator})` : t('rate.none');
}

export function notify(message) {
  const region = document.getElementById('toast');
  region.textContent = message;
  region.classList.add('shown');
  clearTimeout(notify.timer);
  notify.timer = setTimeout(() => {
    region.classList.remove('shown');
    region.textContent = '';
  }, 5000);
}

export function section(title, id, ...content) {
  const headingId = `${id}-heading`;
  return h('section', { class: 'panel', id, 'aria-labelledby': headingId }, h('h2', { id: headingId }, title), content);
}
