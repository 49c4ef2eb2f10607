import { api, Problem, query } from '../api.js';
import { batches, defaultBatchId, districtName, orgName } from '../directory.js';
import { append, debounce, h, replaceChildren } from '../dom.js';
import { field } from '../forms.js';
import { formatDate, formatDateTime, formatHours, formatPercent, label, t } from '../i18n.js';
import { onBoardChange } from '../live.js';
import { replaceQuery } from '../nav.js';
import { keyedRegion } from '../regions.js';
import { dispatchTables, downloadButtons, leaderboardTable } from '../reports.js';
import { hasRole, mainRole, readsAllDistricts } from '../session.js';
import { rateText, section, table } from '../widgets.js';
import { actionFormFor } from './topic.js';

/**
 * A batch at a glance: the four rates with numerators and denominators, charts, the leaderboard, open
 * reminders and escalations (for district leadership those escalated to it, level 3); for coordinators also unclaimed
 * topics to assign and the dispatch report.
 */
const RATES = ['response', 'resolution', 'onTime', 'satisfaction'];
const HISTORY_POINTS = 30;
/** The rates are counted by another service, which may hear of a change a moment after the board. */
const CATCH_UP_MILLIS = 2000;

export async function dashboardView(main, { params, session }) {
  const coordinator = hasRole(session, 'COORDINATOR');
  const leadership = mainRole(session) === 'LEADERSHIP';
  let batchId = params.get('batch') || defaultBatchId();
  const charts = new Charts();
  const noUnclaimed = h('p', {}, t('dashboard.noUnclaimed'));
  const unclaimedList = h('ul', { class: 'unclaimed' });
  // A coordinator's half-chosen assignment survives live updates, and says so when someone else assigned the topic.
  const assignForms = keyedRegion(unclaimedList, () => t('stale.assigned'));
  const areas = {
    rates: h('div', { class: 'rates', id: 'rates' }),
    history: section(t('dashboard.history'), 'rates-history', h('div', { class: 'chart', id: 'history-chart', role: 'img', 'aria-label': t('dashboard.history') })),
    organisations: section(t('dashboard.perOrganisation'), 'per-organisation',
      h('div', { class: 'chart', id: 'organisation-chart', role: 'img', 'aria-label': t('dashboard.perOrganisation') }),
      h('div', { id: 'organisation-rates' })),
    leaderboard: section(t('dashboard.leaderboard'), 'leaderboard', h('div', {})),
    escalations: section(t(leadership ? 'dashboard.leadershipEscalations' : 'dashboard.escalations'), 'escalations', h('div', {})),
    unclaimed: coordinator ? section(t('dashboard.unclaimed'), 'unclaimed', noUnclaimed, unclaimedList) : null,
    dispatch: coordinator ? section(t('dashboard.dispatch'), 'dispatch-report',
      downloadButtons('dispatch', () => `/api/batches/${batchId}/dispatch-report`, (format) => `dispatch-report-${batchId}.${format}`),
      h('div', {})) : null,
  };
  areas.history.hidden = true;
  const chooser = field({ name: 'batch', label: t('filter.batch'), kind: 'select', value: batchId,
    // The city level sees every district's batches: each is named with its district.
    options: batches().map((batch) => {
      const text = `${batch.name} (${label('batchState', batch.state)})`;
      return { value: batch.id, label: readsAllDistricts(session)
        ? t('board.batchOfDistrict', { batch: text, district: districtName(batch.district) }) : text };
    }) });
  chooser.querySelector('select').addEventListener('change', (event) => {
    batchId = event.target.value;
    assignForms.clear();
    load();
  });
  append(main, [h('div', { class: 'page-head' }, h('h1', {}, t('dashboard.title')), chooser),
    batchId ? Object.values(areas) : h('p', {}, t('dashboard.noBatch'))]);
  if (!batchId) {
    return null;
  }

  async function load() {
    replaceQuery('/dashboard', { batch: batchId });
    const [stats, leaderboard, escalations, history, dispatch, unclaimed] = await Promise.all([
      optional(api.get(`/api/batches/${batchId}/stats`)),
      optional(api.get(`/api/batches/${batchId}/leaderboard`)),
      optional(api.get(`/api/escalations${query({ batch: batchId, level: leadership ? 3 : null })}`)),
      optional(api.get(`/api/batches/${batchId}/stats/history${query({ points: HISTORY_POINTS })}`)),
      coordinator ? optional(api.get(`/api/batches/${batchId}/dispatch-report`)) : null,
      coordinator ? optional(api.get(`/api/topics${query({ batch: batchId, status: 'UNCLAIMED', size: 200 })}`)) : null,
    ]);
    replaceChildren(areas.rates, RATES.map((rate) => rateCard(rate, stats && stats.overall[rate])));
    areas.rates.querySelector('[data-rate="satisfaction"]').append(satisfactionNote(stats));
    await showHistory(history);
    await showOrganisations(stats);
    replaceChildren(areas.leaderboard.lastChild, leaderboardTable(leaderboard));
    replaceChildren(areas.escalations.lastChild, escalationTable(escalations || []));
    if (coordinator) {
      replaceChildren(areas.dispatch.lastChild, dispatchTables(dispatch && dispatch.dispatch, t('dashboard.noReport')));
      assignForms.update((unclaimed ? unclaimed.items : []).map((topic) => [topic.id, () => unclaimedTopic(topic, session)]));
      noUnclaimed.hidden = !assignForms.isEmpty();
    }
  }

  async function showHistory(history) {
    areas.history.hidden = !history || history.points.length === 0;
    if (!areas.history.hidden) {
      await charts.show('history-chart', historyOption(history));
    }
  }

  async function showOrganisations(stats) {
    const rows = stats ? Object.entries(stats.perOrganisation || {}).map(([orgId, rates]) => ({ orgId, ...rates })) : [];
    replaceChildren(areas.organisations.lastChild, table(t('dashboard.perOrganisationCaption'), [
      [t('dashboard.organisation'), (row) => orgName(row.orgId)],
      ...RATES.map((rate) => [t(`rate.${rate}`), (row) => rateText(row[rate])]),
    ], rows, { id: 'organisation-table' }));
    const chart = document.getElementById('organisation-chart');
    chart.hidden = rows.length === 0;
    if (rows.length) {
      await charts.show('organisation-chart', organisationOption(rows), 120 + rows.length * 64);
    }
  }

  const reload = debounce(load, 300);
  const catchUp = debounce(load, CATCH_UP_MILLIS);
  const stop = onBoardChange(() => {
    reload();
    catchUp();
  });
  unclaimedList.addEventListener('sent', reload);
  const resize = () => charts.resize();
  window.addEventListener('resize', resize);
  await load();
  return () => {
    stop();
    reload.cancel();
    catchUp.cancel();
    window.removeEventListener('resize', resize);
    charts.dispose();
  };
}

/** A part of the dashboard missing (e.g. no history kept yet) hides that part instead of failing the page. */
async function optional(request) {
  try {
    return await request;
  } catch (error) {
    if (error instanceof Problem && error.status !== 401) {
      return null;
    }
    throw error;
  }
}

function rateCard(name, rate) {
  return h('article', { class: 'rate', 'data-rate': name },
    h('h2', {}, t(`rate.${name}`)),
    h('p', { class: 'rate-value' }, rate ? formatPercent(rate.value) : t('rate.none')),
    h('p', { class: 'rate-fraction', 'data-numerator': rate ? rate.numerator : '', 'data-denominator': rate ? rate.denominator : '' },
      rate ? t('rate.fraction', { numerator: rate.numerator, denominator: rate.denominator }) : ''),
    h('p', { class: 'hint' }, t(`rate.${name}.definition`)));
}

/** The satisfaction card also says how many topics closed unrated, whose votes it leaves out. */
function satisfactionNote(stats) {
  const unrated = stats && stats.overall ? stats.overall.unratedTopics || 0 : 0;
  return h('p', { class: 'hint', id: 'unrated-topics', 'data-unrated': String(unrated) }, t('rate.unratedTopics', { count: unrated }));
}

function escalationTable(escalations) {
  return table(t('dashboard.escalationsCaption'), [
    [t('escalation.level'), (row) => label('escalationLevel', row.level)],
    [t('escalation.reason'), (row) => label('escalationReason', row.reason)],
    [t('topic.title'), (row) => h('a', { href: `#/topics/${row.topicId}` }, row.title)],
    [t('topic.lead'), (row) => orgName(row.leadOrgId)],
    [t('topic.dueDate'), (row) => formatDate(row.dueDate)],
    [t('escalation.raisedAt'), (row) => formatDateTime(row.raisedAt)],
    [t('escalation.waited'), (row) => formatHours(row.waitedHours)],
  ], escalations, { id: 'escalation-table' });
}

function unclaimedTopic(topic, session) {
  return h('li', { 'data-topic-id': topic.id },
    h('h3', {}, h('a', { href: `#/topics/${topic.id}` }, topic.title), ' · ', orgName(topic.posterOrgId)),
    actionFormFor('assign', topic, { session }));
}

function historyOption(history) {
  return {
    legend: {},
    tooltip: { trigger: 'axis', renderMode: 'richText' },
    xAxis: { type: 'time' },
    yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
    series: RATES.map((rate) => ({
      name: t(`rate.${rate}`),
      type: 'line',
      data: history.points.map((point) => [point.at, percentOf(point.overall[rate])]),
    })),
  };
}

function organisationOption(rows) {
  return {
    legend: {},
    tooltip: { trigger: 'axis', renderMode: 'richText' },
    grid: { containLabel: true, left: 8, right: 24, top: 48, bottom: 8 },
    xAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
    yAxis: { type: 'category', data: rows.map((row) => orgName(row.orgId)), inverse: true },
    series: RATES.map((rate) => ({
      name: t(`rate.${rate}`),
      type: 'bar',
      data: rows.map((row) => percentOf(row[rate])),
    })),
  };
}

function percentOf(rate) {
  return rate && rate.value !== null ? Math.round(rate.value * 1000) / 10 : null;
}

/** ECharts, loaded from the console's own jar when a chart is first shown. */
class Charts {
  constructor() {
    this.instances = new Map();
  }

  async show(elementId, option, height) {
    const library = await loadECharts();
    const element = document.getElementById(elementId);
    if (height) {
      element.style.height = `${height}px`;
    }
    let chart = this.instances.get(elementId);
    if (!chart || chart.getDom() !== element) {
      chart = library.init(element, null, { renderer: 'canvas' });
      this.instances.set(elementId, chart);
    }
    chart.setOption({ aria: { enabled: true }, color: PALETTE, ...option }, true);
    chart.resize();
  }

  resize() {
    this.instances.forEach((chart) => chart.resize());
  }

  dispose() {
    this.instances.forEach((chart) => chart.dispose());
    this.instances.clear();
  }
}

/** Distinguishable for colour-blind readers (Okabe–Ito). */
const PALETTE = ['#0072B2', '#D55E00', '#009E73', '#CC79A7'];

let echartsLoaded = null;

function loadECharts() {
  if (!echartsLoaded) {
    echartsLoaded = new Promise((resolve, reject) => {
      const script = document.createElement('script');
      script.src = '/webjars/echarts/dist/echarts.min.js';
      script.addEventListener('load', () => resolve(window.echarts));
      script.addEventListener('error', reject);
      document.head.append(script);
    });
  }
  return echartsLoaded;
}
