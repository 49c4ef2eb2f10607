import { api, EXPORT_TYPES, query, saveFile } from '../api.js';
import { batch, batches, categoryClasses, categoryName, defaultBatchId, districtName, districts, orgName, orgs, reloadBatches } from '../directory.js';
import { debounce, h, replaceChildren } from '../dom.js';
import { field, optionElements } from '../forms.js';
import { formatDate, formatDateTime, label, localName, t } from '../i18n.js';
import { onBoardChange } from '../live.js';
import { replaceQuery } from '../nav.js';
import { canPostTopics } from '../permissions.js';
import { readsAllDistricts } from '../session.js';
import { districtTag, notify, progressBar, statusBadge, table } from '../widgets.js';

/**
 * The board: topics as columns by state, or as a dense table, with filters; live. The city level (市级) sees every
 * district's topics, each named with its district, and may choose one district.
 */
const STATUSES = ['DRAFT', 'OPEN', 'AWARDED', 'IN_PROGRESS', 'RESOLUTION_SUBMITTED', 'RESOLVED', 'CLOSED', 'CLOSED_UNRATED',
  'REOPENED', 'UNCLAIMED', 'WITHDRAWN'];
/** Shown as columns even when empty; the rarer states only when they have topics. */
const MAIN_STATUSES = ['DRAFT', 'OPEN', 'AWARDED', 'IN_PROGRESS', 'RESOLUTION_SUBMITTED', 'RESOLVED', 'CLOSED'];
const FILTERS = ['district', 'batch', 'direction', 'category', 'org', 'status', 'q'];
const COLUMN_LIMIT = 200;
const TABLE_PAGE = 50;

export async function boardView(main, { params, session }) {
  const city = readsAllDistricts(session);
  const state = Object.fromEntries(FILTERS.map((name) => [name, params.get(name) || '']));
  if (!city) {
    // A district's user sees its own district only: the server decides, nothing to choose.
    state.district = '';
  }
  if (!params.has('batch')) {
    // The city level starts with every batch (of every district, or of the one chosen): batches are per district.
    state.batch = city ? '' : defaultBatchId();
  }
  state.view = params.get('view') === 'table' ? 'table' : 'columns';
  state.page = Number(params.get('page') || 0);

  const summary = h('p', { class: 'summary', id: 'board-summary', 'aria-live': 'polite' });
  const results = h('div', { id: 'board-results' });
  const filterForm = filters(state, city, () => {
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
    replaceChildren(results, state.view === 'table' ? topicTable(page, state, load, city) : columns(page.items, state.status, city));
  }

  const refresh = debounce(load, 150);
  const stop = onBoardChange(async (change) => {
    if (change.kind === 'batch' || change.kind === 'resync') {
      await reloadBatches();
      refreshBatchOptions(filterForm, state, city);
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

/** The batches to choose from: for the city level the chosen district's, each named with its district when none is. */
function batchOptions(state, city) {
  return [{ value: '', label: t('filter.all') }, ...batches(state.district).map((entry) => ({ value: entry.id,
    label: city && !state.district
      ? t('board.batchOfDistrict', { batch: batchLabel(entry), district: districtName(entry.district) })
      : batchLabel(entry) }))];
}

function batchLabel(entry) {
  return `${entry.name} (${label('batchState', entry.state)})`;
}

function refreshBatchOptions(form, state, city) {
  const select = form.querySelector('[data-field=batch] select');
  replaceChildren(select, optionElements(batchOptions(state, city)));
  select.value = state.batch;
}

/**
 * The organisations to choose from, by kind; for the city level by district too (the chosen one's only). A retired
 * organisation keeps its topics: it can still be looked for, said to be retired.
 */
function orgOptions(state, city) {
  const all = { value: '', label: t('filter.all') };
  const named = (org) => ({ value: org.id, label: org.retired ? t('org.retiredName', { name: localName(org) }) : localName(org) });
  const kinds = ['DEPARTMENT', 'STREET'];
  if (!city || !districts().length) {
    return [all, ...kinds.map((kind) => ({ group: label('orgKind', kind), options: orgs(kind, { withRetired: true }).map(named) }))];
  }
  const shown = state.district ? districts().filter((entry) => entry.id === state.district) : districts();
  return [all, ...shown.flatMap((entry) => kinds.map((kind) => ({
    group: t('board.orgsOfDistrict', { kind: label('orgKind', kind), district: districtName(entry.id) }),
    options: orgs(kind, { withRetired: true, inDistrict: entry.id }).map(named),
  }))).filter((group) => !group.options || group.options.length)];
}

/** The city level chose another district: batches and organisations of the others are offered no more. */
function districtChanged(form, state, city) {
  const inBatch = batch(state.batch);
  if (state.district && inBatch && inBatch.district !== state.district) {
    state.batch = '';
  }
  refreshBatchOptions(form, state, city);
  const orgSelect = form.querySelector('[data-field=org] select');
  const options = orgOptions(state, city);
  const offered = options.flatMap((option) => (option.group ? option.options : [option])).map((option) => option.value);
  if (!offered.includes(state.org)) {
    state.org = '';
  }
  replaceChildren(orgSelect, optionElements(options));
  orgSelect.value = state.org;
}

function filters(state, city, changed) {
  const all = { value: '', label: t('filter.all') };
  const form = h('form', { class: 'filters', role: 'search', 'aria-label': t('filter.label'), id: 'board-filters' },
    city ? field({ name: 'district', label: t('filter.district'), kind: 'select', value: state.district,
      options: [all, ...districts().map((entry) => ({ value: entry.id, label: districtName(entry.id) }))] }) : null,
    field({ name: 'batch', label: t('filter.batch'), kind: 'select', value: state.batch, options: batchOptions(state, city) }),
    field({ name: 'direction', label: t('filter.direction'), kind: 'select', value: state.direction,
      options: [all, ...['STREET_TO_DEPARTMENT', 'DEPARTMENT_TO_STREET'].map((value) => ({ value, label: label('direction', value) }))] }),
    field({ name: 'category', label: t('filter.category'), kind: 'select', value: state.category,
      options: [all, ...categoryClasses().map((group) => ({ group: group.name,
        options: group.categories.map((category) => ({ value: category.code, label: localName(category) })) }))] }),
    field({ name: 'org', label: t('filter.org'), kind: 'select', value: state.org, options: orgOptions(state, city) }),
    field({ name: 'status', label: t('filter.status'), kind: 'select', value: state.status,
      options: [all, ...STATUSES.map((value) => ({ value, label: label('status', value) }))] }),
    field({ name: 'q', label: t('filter.text'), kind: 'search', value: state.q, attributes: { maxlength: 200 } }));
  const apply = (event) => {
    state[event.target.name] = event.target.value.trim();
    if (event.target.name === 'district') {
      districtChanged(form, state, city);
    }
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

function columns(topics, statusFilter, city) {
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
      h('ul', { class: 'cards' }, items.map((topic) => h('li', {}, card(topic, city)))));
  }));
}

function card(topic, city) {
  return h('article', { class: 'topic-card', 'data-topic-id': topic.id, 'data-district': topic.district || null },
    h('h3', {}, h('a', { href: `#/topics/${topic.id}` }, topic.title)),
    city ? h('p', { class: 'meta' }, districtTag(topic.district)) : null,
    h('p', { class: 'meta' }, orgName(topic.posterOrgId), ' · ', categoryName(topic.category)),
    h('p', { class: 'meta' },
      h('span', { class: `badge priority-${topic.priority}` }, label('priority', topic.priority)), ' ',
      label('direction', topic.direction)),
    topic.leadOrgId ? h('p', { class: 'meta' }, t('board.cardLead', { org: orgName(topic.leadOrgId) })) : null,
    h('p', { class: 'meta' }, t('board.cardDue', { date: formatDate(topic.dueDate) })),
    topic.leadOrgId ? progressBar(topic.progressPercent) : null);
}

function topicTable(page, state, reload, city) {
  const pages = Math.max(1, Math.ceil(page.total / page.size));
  const go = (delta) => {
    state.page += delta;
    reload();
  };
  return h('div', {},
    table(t('board.tableCaption'), [
      [t('topic.title'), (topic) => h('a', { href: `#/topics/${topic.id}` }, topic.title)],
      city ? [t('topic.district'), (topic) => districtTag(topic.district)] : null,
      [t('topic.status'), (topic) => statusBadge(topic.status)],
      [t('topic.direction'), (topic) => label('direction', topic.direction)],
      [t('topic.category'), (topic) => categoryName(topic.category)],
      [t('topic.poster'), (topic) => orgName(topic.posterOrgId)],
      [t('topic.lead'), (topic) => orgName(topic.leadOrgId)],
      [t('topic.priority'), (topic) => label('priority', topic.priority)],
      [t('topic.dueDate'), (topic) => formatDate(topic.dueDate)],
      [t('topic.progress'), (topic) => `${topic.progressPercent}%`],
      [t('topic.updatedAt'), (topic) => formatDateTime(topic.updatedAt)],
    ].filter(Boolean), page.items, { class: 'dense', id: 'topic-table' }, (topic) => ({ 'data-topic-id': topic.id,
      'data-district': topic.district || null })),
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
