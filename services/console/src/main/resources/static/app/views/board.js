import { api, EXPORT_TYPES, query, saveFile } from '../api.js';
import { batches, categoryClasses, categoryName, defaultBatchId, orgName, orgs, reloadBatches } from '../directory.js';
import { debounce, h, replaceChildren } from '../dom.js';
import { field } from '../forms.js';
import { formatDate, formatDateTime, label, localName, t } from '../i18n.js';
import { onBoardChange } from '../live.js';
import { replaceQuery } from '../nav.js';
import { canPostTopics } from '../permissions.js';
import { notify, progressBar, statusBadge, table } from '../widgets.js';

/** The board: topics as columns by state, or as a dense table, with filters; live. */
const STATUSES = ['DRAFT', 'OPEN', 'AWARDED', 'IN_PROGRESS', 'RESOLUTION_SUBMITTED', 'RESOLVED', 'CLOSED', 'CLOSED_UNRATED',
  'REOPENED', 'UNCLAIMED', 'WITHDRAWN'];
/** Shown as columns even when empty; the rarer states only when they have topics. */
const MAIN_STATUSES = ['DRAFT', 'OPEN', 'AWARDED', 'IN_PROGRESS', 'RESOLUTION_SUBMITTED', 'RESOLVED', 'CLOSED'];
const FILTERS = ['batch', 'direction', 'category', 'org', 'status', 'q'];
const COLUMN_LIMIT = 200;
const TABLE_PAGE = 50;

export async function boardView(main, { params, session }) {
  const state = Object.fromEntries(FILTERS.map((name) => [name, params.get(name) || '']));
  if (!params.has('batch')) {
    state.batch = defaultBatchId();
  }
  state.view = params.get('view') === 'table' ? 'table' : 'columns';
  state.page = Number(params.get('page') || 0);

  const summary = h('p', { class: 'summary', id: 'board-summary', 'aria-live': 'polite' });
  const results = h('div', { id: 'board-results' });
  const filterForm = filters(state, () => {
    state.page = 0;
    load();
  });
  const viewSwitch = h('div', { class: 'view-switch', role: 'group', 'aria-label': t('board.viewLabel') },
    ['columns', 'table'].map((view) => h('button', {
      type: 'button', class: 'button', id: `view-${view}`, 'aria-pressed': String(state.view === view),
      onclick: (event) => {
        state.view = view;
        state.page = 0;
        viewSwitch.querySelectorAll('button').forEach((button) => button.setAttribute('aria-pressed', String(button === event.currentTarget)));
        load();
      },
    }, t(`board.view.${view}`))));

  main.append(
    h('div', { class: 'page-head' },
      h('h1', {}, t('board.title')),
      h('div', { class: 'actions' },
        canPostTopics(session) ? h('a', { class: 'button primary', href: '#/topics/new', id: 'new-topic-link' }, t('nav.newTopic')) : null,
        ...Object.keys(EXPORT_TYPES).map((format) => h('button', {
          type: 'button', class: 'button', id: `export-${format}`, onclick: () => exportTopics(state, format),
        }, t(`export.${format}`))))),
    filterForm, viewSwitch, summary, results);

  async function load() {
    replaceQuery('/board', { ...Object.fromEntries(FILTERS.map((name) => [name, state[name]])),
      view: state.view === 'table' ? 'table' : '', page: state.page || '' });
    const size = state.view === 'table' ? TABLE_PAGE : COLUMN_LIMIT;
    const page = await api.get(`/api/topics${query({ ...filterParams(state), page: state.page, size })}`);
    summary.textContent = page.total > page.items.length && state.view === 'columns'
      ? t('board.summaryPartial', { shown: page.items.length, total: page.total })
      : t('board.summary', { total: page.total });
    replaceChildren(results, state.view === 'table' ? topicTable(page, state, load) : columns(page.items, state.status));
  }

  const refresh = debounce(load, 150);
  const stop = onBoardChange(async (change) => {
    if (change.kind === 'batch' || change.kind === 'resync') {
      await reloadBatches();
      refreshBatchOptions(filterForm, state);
    }
    if (change.kind === 'topic' || change.kind === 'batch' || change.kind === 'resync') {
      refresh();
    }
  });
  await load();
  return () => {
    stop();
    refresh.cancel();
  };
}

function filterParams(state) {
  return Object.fromEntries(FILTERS.map((name) => [name, state[name]]));
}

function batchOptions() {
  return [{ value: '', label: t('filter.all') }, ...batches().map((batch) => ({ value: batch.id, label: `${batch.name} (${label('batchState', batch.state)})` }))];
}

function refreshBatchOptions(form, state) {
  const select = form.querySelector('[data-field=batch] select');
  replaceChildren(select, batchOptions().map((option) => h('option', { value: option.value }, option.label)));
  select.value = state.batch;
}

function filters(state, changed) {
  const all = { value: '', label: t('filter.all') };
  const form = h('form', { class: 'filters', role: 'search', 'aria-label': t('filter.label'), id: 'board-filters' },
    field({ name: 'batch', label: t('filter.batch'), kind: 'select', value: state.batch, options: batchOptions() }),
    field({ name: 'direction', label: t('filter.direction'), kind: 'select', value: state.direction,
      options: [all, ...['STREET_TO_DEPARTMENT', 'DEPARTMENT_TO_STREET'].map((value) => ({ value, label: label('direction', value) }))] }),
    field({ name: 'category', label: t('filter.category'), kind: 'select', value: state.category,
      options: [all, ...categoryClasses().map((group) => ({ group: group.name,
        options: group.categories.map((category) => ({ value: category.code, label: localName(category) })) }))] }),
    field({ name: 'org', label: t('filter.org'), kind: 'select', value: state.org,
      options: [all, ...['DEPARTMENT', 'STREET'].map((kind) => ({ group: label('orgKind', kind),
        // A retired organisation keeps its topics: it can still be looked for, said to be retired.
        options: orgs(kind, { withRetired: true }).map((org) => ({ value: org.id,
          label: org.retired ? t('org.retiredName', { name: localName(org) }) : localName(org) })) }))] }),
    field({ name: 'status', label: t('filter.status'), kind: 'select', value: state.status,
      options: [all, ...STATUSES.map((value) => ({ value, label: label('status', value) }))] }),
    field({ name: 'q', label: t('filter.text'), kind: 'search', value: state.q, attributes: { maxlength: 200 } }));
  const apply = (event) => {
    state[event.target.name] = event.target.value.trim();
    changed();
  };
  form.addEventListener('change', (event) => {
    if (event.target.name !== 'q') {
      apply(event);
    }
  });
  form.querySelector('[name=q]').addEventListener('input', debounce(apply, 300));
  form.addEventListener('submit', (event) => event.preventDefault());
  return form;
}

function columns(topics, statusFilter) {
  const byStatus = new Map(STATUSES.map((status) => [status, []]));
  topics.forEach((topic) => byStatus.get(topic.status).push(topic));
  const shown = STATUSES.filter((status) => (statusFilter ? status === statusFilter
    : MAIN_STATUSES.includes(status) || byStatus.get(status).length > 0));
  return h('div', { class: 'columns' }, shown.map((status) => {
    const headingId = `column-${status}-heading`;
    const items = byStatus.get(status);
    return h('section', { class: 'column', 'data-status': status, 'aria-labelledby': headingId },
      h('h2', { id: headingId }, label('status', status), ' ',
        h('span', { class: 'count', 'data-count': items.length, 'aria-label': t('board.count', { count: items.length }) }, String(items.length))),
      h('ul', { class: 'cards' }, items.map((topic) => h('li', {}, card(topic)))));
  }));
}

function card(topic) {
  return h('article', { class: 'topic-card', 'data-topic-id': topic.id },
    h('h3', {}, h('a', { href: `#/topics/${topic.id}` }, topic.title)),
    h('p', { class: 'meta' }, orgName(topic.posterOrgId), ' · ', categoryName(topic.category)),
    h('p', { class: 'meta' },
      h('span', { class: `badge priority-${topic.priority}` }, label('priority', topic.priority)), ' ',
      label('direction', topic.direction)),
    topic.leadOrgId ? h('p', { class: 'meta' }, t('board.cardLead', { org: orgName(topic.leadOrgId) })) : null,
    h('p', { class: 'meta' }, t('board.cardDue', { date: formatDate(topic.dueDate) })),
    topic.leadOrgId ? progressBar(topic.progressPercent) : null);
}

function topicTable(page, state, reload) {
  const pages = Math.max(1, Math.ceil(page.total / page.size));
  const go = (delta) => {
    state.page += delta;
    reload();
  };
  return h('div', {},
    table(t('board.tableCaption'), [
      [t('topic.title'), (topic) => h('a', { href: `#/topics/${topic.id}` }, topic.title)],
      [t('topic.status'), (topic) => statusBadge(topic.status)],
      [t('topic.direction'), (topic) => label('direction', topic.direction)],
      [t('topic.category'), (topic) => categoryName(topic.category)],
      [t('topic.poster'), (topic) => orgName(topic.posterOrgId)],
      [t('topic.lead'), (topic) => orgName(topic.leadOrgId)],
      [t('topic.priority'), (topic) => label('priority', topic.priority)],
      [t('topic.dueDate'), (topic) => formatDate(topic.dueDate)],
      [t('topic.progress'), (topic) => `${topic.progressPercent}%`],
      [t('topic.updatedAt'), (topic) => formatDateTime(topic.updatedAt)],
    ], page.items, { class: 'dense', id: 'topic-table' }),
    h('nav', { class: 'pager', 'aria-label': t('board.pages') },
      h('button', { type: 'button', class: 'button', disabled: page.page === 0, onclick: () => go(-1) }, t('board.previous')),
      h('span', {}, t('board.page', { page: page.page + 1, pages })),
      h('button', { type: 'button', class: 'button', disabled: page.page + 1 >= pages, onclick: () => go(1) }, t('board.next'))));
}

async function exportTopics(state, format) {
  try {
    saveFile(await api.download(`/api/topics/export${query(filterParams(state))}`, EXPORT_TYPES[format]), `topics.${format}`);
  } catch (error) {
    notify(error.message);
  }
}
