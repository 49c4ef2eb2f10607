import { api, EXPORT_TYPES, query, saveFile } from '../api.js';
import { orgName, orgs } from '../directory.js';
import { append, h, replaceChildren } from '../dom.js';
import { bindForm, dateInputValue, field, submitButton } from '../forms.js';
import { formatDateTime, label, localName, t } from '../i18n.js';
import { replaceQuery } from '../nav.js';
import { hasRole } from '../session.js';
import { notify, table } from '../widgets.js';

/**
 * The audit trail (审计), for coordinators: who did what, newest first, from every service's events and the console's
 * own logins and activations (docs/administration.md). Filtered by user, organisation, action, subject and dates, a
 * page at a time; the same filters download the newest entries as CSV or Excel. Its address keeps the filters:
 * #/audit?user=…&orgId=…&action=…&subject=…&from=…&to=…&page=….
 */
const FILTERS = ['user', 'orgId', 'action', 'subject', 'from', 'to'];
const PAGE_SIZE = 50;
/** The actions the trail names most, offered while typing one (any event type can be typed). */
const KNOWN_ACTIONS = ['LoginSucceeded', 'LoginFailed', 'CredentialsSet', 'OrgRegistered', 'OrgRenamed', 'OrgMoved', 'OrgRetired',
  'StaffInvited', 'StaffCredentialsReset', 'StaffMoved', 'StaffDeactivated', 'BatchCreated', 'BatchOpened', 'TopicPosted',
  'TopicPublished', 'ClaimSubmitted', 'ClaimAwarded', 'ResolutionSubmitted', 'ResolutionAccepted', 'ResolutionRejected',
  'AppealLodged', 'AppealDecided'];

export async function auditView(main, { params, session }) {
  main.append(h('h1', {}, t('audit.title')));
  if (!hasRole(session, 'COORDINATOR')) {
    main.append(h('p', { class: 'error', role: 'alert' }, t('audit.coordinatorOnly')));
    return null;
  }
  const state = Object.fromEntries(FILTERS.map((name) => [name, params.get(name) || '']));
  state.page = /^\d+$/.test(params.get('page') || '') ? Number(params.get('page')) : 0;
  const form = filterForm(state);
  const summary = h('p', { class: 'summary', id: 'audit-summary', 'aria-live': 'polite' });
  const results = h('div', { id: 'audit-results' });
  const pager = h('nav', { class: 'pager', 'aria-label': t('audit.pages') });
  append(main, [
    h('p', { class: 'lead' }, t('audit.intro')),
    form,
    h('div', { class: 'actions', id: 'audit-export' }, Object.keys(EXPORT_TYPES).map((format) => h('button', {
      type: 'button', class: 'button', id: `audit-export-${format}`, onclick: () => exportEntries(state, format),
    }, t(`export.${format}`)))),
    summary, results, pager,
  ]);

  async function load() {
    replaceQuery('/audit', { ...filtersOf(state), page: state.page || '' });
    results.setAttribute('aria-busy', 'true');
    try {
      const answer = await api.get(`/api/audit${query({ ...filtersOf(state), page: state.page, size: PAGE_SIZE })}`);
      const entries = Array.isArray(answer.entries) ? answer.entries : [];
      summary.textContent = entries.length
        ? t('audit.summary', { from: state.page * PAGE_SIZE + 1, to: state.page * PAGE_SIZE + entries.length })
        : t('audit.none');
      replaceChildren(results, entryTable(entries));
      replaceChildren(pager,
        h('button', { type: 'button', class: 'button', id: 'audit-previous', disabled: state.page === 0,
          onclick: () => go(-1) }, t('board.previous')),
        h('span', { id: 'audit-page' }, t('audit.page', { page: state.page + 1 })),
        h('button', { type: 'button', class: 'button', id: 'audit-next', disabled: !answer.hasMore,
          onclick: () => go(1) }, t('board.next')));
    } finally {
      results.removeAttribute('aria-busy');
    }
  }

  function go(delta) {
    state.page = Math.max(0, state.page + delta);
    load().catch((error) => notify(error.message));
  }

  // A refusal of the filters (a bad date, say) is shown on the form, as the server words it.
  bindForm(form, async (values) => {
    FILTERS.forEach((name) => { state[name] = values[name] || ''; });
    state.page = 0;
    await load();
  });
  try {
    await load();
  } catch (error) {
    replaceChildren(results, h('p', { class: 'error', role: 'alert' }, error.message));
  }
  return null;
}

function filtersOf(state) {
  return Object.fromEntries(FILTERS.map((name) => [name, state[name]]));
}

function filterForm(state) {
  const listId = 'audit-actions';
  const form = h('form', { class: 'filters', role: 'search', 'aria-label': t('audit.filters'), id: 'audit-filters' },
    field({ name: 'user', label: t('audit.user'), value: state.user, attributes: { maxlength: 100, autocomplete: 'off', spellcheck: 'false' } }),
    field({ name: 'orgId', label: t('audit.org'), kind: 'select', value: state.orgId,
      options: [{ value: '', label: t('filter.all') }, ...['DEPARTMENT', 'STREET'].map((kind) => ({ group: label('orgKind', kind),
        // Retired organisations keep their past: the trail is searched for them too.
        options: orgs(kind, { withRetired: true }).map((org) => ({ value: org.id,
          label: org.retired ? t('org.retiredName', { name: localName(org) }) : localName(org) })) }))] }),
    field({ name: 'action', label: t('audit.action'), value: state.action,
      attributes: { list: listId, maxlength: 100, autocomplete: 'off', spellcheck: 'false', placeholder: t('audit.actionHint') } }),
    h('datalist', { id: listId }, KNOWN_ACTIONS.map((action) => h('option', { value: action }, actionName(action)))),
    field({ name: 'subject', label: t('audit.subject'), value: state.subject, attributes: { maxlength: 200, autocomplete: 'off', spellcheck: 'false' } }),
    field({ name: 'from', label: t('audit.from'), kind: 'date', value: dateInputValue(state.from), attributes: { 'data-day': 'start' } }),
    field({ name: 'to', label: t('audit.to'), kind: 'date', value: dateInputValue(state.to) }),
    h('div', { class: 'buttons audit-search' }, submitButton(t('audit.search'), '', { id: 'audit-search' })));
  return form;
}

/** An action as the trail names it: the console's words for it where it has them, always with the event type. */
function actionName(action) {
  const own = label('auditAction', action);
  return own !== action ? own : label('event', action);
}

function entryTable(entries) {
  return table(t('audit.caption'), [
    [t('audit.at'), (entry) => h('time', { datetime: entry.at }, formatDateTime(entry.at))],
    [t('audit.user'), (entry) => entry.user || '—'],
    [t('audit.org'), (entry) => (entry.orgId ? orgName(entry.orgId) : '—')],
    [t('audit.role'), (entry) => label('role', entry.role)],
    [t('audit.action'), (entry) => {
      const name = actionName(entry.action);
      return name === entry.action ? h('code', {}, entry.action) : [name, ' ', h('code', { class: 'hint' }, entry.action)];
    }],
    [t('audit.subject'), (entry) => (entry.subject ? h('code', {}, entry.subject) : '')],
    [t('audit.detail'), (entry) => h('span', { class: 'audit-detail' }, detailText(entry.detail))],
  ], entries, { id: 'audit-table', class: 'dense' }, (entry) => ({ 'data-entry': entry.id, 'data-action': entry.action,
    'data-user': entry.user || '', 'data-subject': entry.subject || '', 'data-at': entry.at }));
}

function detailText(detail) {
  if (detail === null || detail === undefined) {
    return '';
  }
  return typeof detail === 'string' ? detail : JSON.stringify(detail);
}

async function exportEntries(state, format) {
  try {
    saveFile(await api.download(`/api/audit/export${query({ ...filtersOf(state), format })}`, EXPORT_TYPES[format]), `audit.${format}`);
  } catch (error) {
    notify(error.message);
  }
}
