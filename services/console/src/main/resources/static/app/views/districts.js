import { api } from '../api.js';
import { districtName, districts } from '../directory.js';
import { append, debounce, h, replaceChildren } from '../dom.js';
import { formatDateTime, t } from '../i18n.js';
import { onBoardChange } from '../live.js';
import { readsAllDistricts } from '../session.js';
import { rateText, table } from '../widgets.js';

/**
 * District comparison (区际比拼): each district's batches, topics and the four rates, counted the same way as a batch's
 * on the dashboard (numerator over denominator). The city level (市级) sees a row per district, and opens a district's
 * board from its name; a district's user only its own row.
 */
const RATES = ['response', 'resolution', 'onTime', 'satisfaction'];
/** The rates are counted by another service, which may hear of a change a moment after the board. */
const CATCH_UP_MILLIS = 2000;

export async function districtsView(main, { session }) {
  const city = readsAllDistricts(session);
  const counted = h('p', { class: 'hint', id: 'districts-counted' });
  const results = h('div', { id: 'districts-results' });
  append(main, [h('div', { class: 'page-head' }, h('h1', {}, t('districts.title'))),
    h('p', { class: 'lead' }, t(city ? 'districts.introCity' : 'districts.introDistrict')),
    counted, results,
    h('ul', { class: 'hint rate-definitions' }, RATES.map((rate) => h('li', {},
      t('districts.definition', { rate: t(`rate.${rate}`), definition: t(`rate.${rate}.definition`) }))))]);

  async function load() {
    const stats = await api.get('/api/districts/stats');
    counted.textContent = stats.countedAt ? t('districts.countedAt', { at: formatDateTime(stats.countedAt) }) : '';
    replaceChildren(results, table(t(city ? 'districts.caption' : 'districts.captionOwn'), [
      [t('districts.district'), (row) => (city
        ? h('a', { href: `#/board?district=${encodeURIComponent(row.districtId)}`, class: 'district-name' }, districtName(row.districtId))
        : h('span', { class: 'district-name' }, districtName(row.districtId)))],
      [t('districts.batches'), (row) => h('span', { 'data-count': 'batches' }, String(row.batches ?? 0))],
      [t('districts.topics'), (row) => h('span', { 'data-count': 'topics' }, String(row.topics ?? 0))],
      ...RATES.map((rate) => [t(`rate.${rate}`), (row) => rateCell(rate, row.overall && row.overall[rate])]),
      [t('leaderboard.unratedTopics'), (row) => String((row.overall && row.overall.unratedTopics) || 0)],
    ], rows(stats.districts || []), { id: 'districts-table' }, (row) => ({ 'data-district': row.districtId })));
  }

  /** For the city level every district has its row, one without a batch yet too (nothing counted: no rates). */
  function rows(counted) {
    if (!city) {
      return counted;
    }
    const byId = new Map(counted.map((row) => [row.districtId, row]));
    const known = districts().map((district) => byId.get(district.id) || { districtId: district.id, batches: 0, topics: 0 });
    return known.concat(counted.filter((row) => !districts().some((district) => district.id === row.districtId)));
  }

  const reload = debounce(load, 500);
  const catchUp = debounce(load, CATCH_UP_MILLIS);
  const stop = onBoardChange((change) => {
    if (change.kind === 'topic' || change.kind === 'batch' || change.kind === 'resync') {
      reload();
      catchUp();
    }
  });
  await load();
  return () => {
    stop();
    reload.cancel();
    catchUp.cancel();
  };
}

/** A rate as the dashboard states it, its numerator and denominator also kept for scripts and tests. */
function rateCell(name, rate) {
  return h('span', { class: 'rate-cell', 'data-rate': name, 'data-numerator': rate ? rate.numerator : '',
    'data-denominator': rate ? rate.denominator : '' }, rateText(rate));
}
