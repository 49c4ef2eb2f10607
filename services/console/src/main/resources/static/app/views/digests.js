import { api, Problem } from '../api.js';
import { batches, defaultBatchId } from '../directory.js';
import { append, debounce, h, replaceChildren } from '../dom.js';
import { field } from '../forms.js';
import { formatDate, label, t } from '../i18n.js';
import { onBoardChange } from '../live.js';
import { navigate, replaceQuery } from '../nav.js';
import { dispatchTables, downloadButtons, leaderboardTable } from '../reports.js';
import { hasRole } from '../session.js';
import { section, table } from '../widgets.js';

/**
 * The digests of a batch's reporting periods (定期调度通报), for coordinators: the list of periods, saying which of
 * each digest's two parts are recorded, and one period's digest with the dashboard's dispatch-report tables and its
 * downloads. Its address names both: #/digests?batch=<batchId>&period=<n> (notifications link to it).
 */
export async function digestsView(main, { params, session }) {
  if (!hasRole(session, 'COORDINATOR')) {
    append(main, [h('h1', {}, t('digests.title')), h('p', { class: 'error', role: 'alert' }, t('digests.coordinatorOnly'))]);
    return null;
  }
  const batchId = params.get('batch') || defaultBatchId();
  const period = /^[1-9]\d*$/.test(params.get('period') || '') ? Number(params.get('period')) : null;
  const chooser = field({ name: 'batch', label: t('filter.batch'), kind: 'select', value: batchId,
    options: batches().map((batch) => ({ value: batch.id, label: `${batch.name} (${label('batchState', batch.state)})` })) });
  chooser.querySelector('select').addEventListener('change', (event) => navigate(address(event.target.value, null)));
  const list = section(t('digests.list'), 'digest-list', h('div', {}));
  const digest = period ? section(t('digests.periodNumber', { period }), 'digest',
    downloadButtons('digest', () => `/api/batches/${encodeURIComponent(batchId)}/digests/${period}`,
      (format) => `digest-${batchId}-${period}.${format}`),
    h('div', {})) : null;
  append(main, [h('div', { class: 'page-head' }, h('h1', {}, t('digests.title')), chooser),
    h('p', { class: 'lead' }, t('digests.intro')),
    batchId ? [list, digest] : h('p', {}, t('dashboard.noBatch'))]);
  if (!batchId) {
    return null;
  }
  // Kept in the address as given, or with the batch shown by default, to bookmark or share.
  replaceQuery('/digests', { batch: batchId, period });

  async function load() {
    const [digests, shown] = await Promise.all([
      api.get(`/api/batches/${encodeURIComponent(batchId)}/digests`),
      period ? api.get(`/api/batches/${encodeURIComponent(batchId)}/digests/${period}`).catch((error) => {
        if (error instanceof Problem && error.status === 404) {
          return null;
        }
        throw error;
      }) : null,
    ]);
    replaceChildren(list.lastChild, digests.length ? digestList(batchId, digests, period) : h('p', {}, t('digests.none')));
    if (digest) {
      replaceChildren(digest.lastChild, shown ? digestParts(shown) : h('p', { class: 'not-recorded' }, t('digests.notFound')));
      digest.querySelectorAll('.actions button').forEach((button) => { button.disabled = !shown; });
    }
  }

  const reload = debounce(load, 300);
  const stop = onBoardChange((change) => {
    if ((change.kind === 'digest' && change.id === batchId) || change.kind === 'resync') {
      reload();
    }
  });
  await load();
  return () => {
    stop();
    reload.cancel();
  };
}

function address(batchId, period) {
  const search = new URLSearchParams({ batch: batchId });
  if (period) {
    search.set('period', String(period));
  }
  return `/digests?${search}`;
}

function dates(digest) {
  // A period ends at the instant the next begins: its last day is the day of the instant before.
  const lastDay = new Date(Date.parse(digest.periodEnd) - 1).toISOString();
  return digest.periodStart
    ? t('digests.range', { start: formatDate(digest.periodStart), end: formatDate(lastDay) })
    : t('digests.until', { end: formatDate(lastDay) });
}

function recorded(done) {
  return h('span', { class: done ? 'recorded' : 'not-recorded' }, t(done ? 'digests.recorded' : 'digests.pending'));
}

function digestList(batchId, digests, open) {
  return table(t('digests.listCaption'), [
    [t('digests.period'), (row) => h('a', { href: `#${address(batchId, row.period)}`, 'aria-current': row.period === open ? 'page' : null },
      t('digests.periodNumber', { period: row.period }))],
    [t('digests.dates'), (row) => dates(row)],
    [t('digests.dispatchPart'), (row) => recorded(row.dispatchRecorded)],
    [t('digests.leaderboardPart'), (row) => recorded(row.leaderboardRecorded)],
  ], digests, { id: 'digest-table' });
}

/** One digest: its dates, then dispatch's part and the leaderboard as the dashboard shows them, or that they are missing. */
function digestParts(digest) {
  return [
    h('p', { class: 'hint', id: 'digest-dates' }, dates(digest)),
    h('h3', {}, t('digests.dispatchPart')),
    dispatchTables(digest.dispatch, t('digests.notRecorded')),
    h('h3', {}, t('digests.leaderboardPart')),
    digest.leaderboard ? leaderboardTable(digest.leaderboard) : h('p', { class: 'not-recorded' }, t('digests.notRecorded')),
  ];
}
