import { api } from '../api.js';
import { batches, reloadBatches } from '../directory.js';
import { append, debounce, h, replaceChildren } from '../dom.js';
import { bindForm, dateInputValue, field, submitButton } from '../forms.js';
import { formatDate, label, t } from '../i18n.js';
import { onBoardChange } from '../live.js';
import { hasRole, readsAllDistricts } from '../session.js';
import { districtTag, notify, section, table } from '../widgets.js';

/**
 * Batches (批次): every user sees their district's, the city level every district's (each named with its district); the
 * coordinator plans, opens, ends claiming and closes them.
 */
const DAY = 24 * 60 * 60 * 1000;
const TRANSITIONS = [
  ['open', ['PLANNED']],
  ['close-claiming', ['OPEN']],
  ['close', ['OPEN', 'CLAIMING_CLOSED']],
];

export async function batchesView(main, { session }) {
  const coordinator = hasRole(session, 'COORDINATOR');
  const city = readsAllDistricts(session);
  const list = h('div', { id: 'batch-list' });
  append(main, [h('h1', {}, t('batches.title')), coordinator ? createForm() : null, list]);

  const render = () => replaceChildren(list, table(t('batches.caption'), [
    [t('batch.name'), (batch) => h('a', { href: `#/dashboard?batch=${batch.id}` }, batch.name)],
    city ? [t('batch.district'), (batch) => districtTag(batch.district)] : null,
    [t('batch.state'), (batch) => label('batchState', batch.state)],
    [t('batch.opensAt'), (batch) => formatDate(batch.opensAt)],
    [t('batch.claimDeadline'), (batch) => formatDate(batch.claimDeadline)],
    [t('batch.dueDate'), (batch) => formatDate(batch.dueDate)],
    [t('batch.reportingPeriodDays'), (batch) => String(batch.reportingPeriodDays)],
    [t('claim.actions'), (batch) => (coordinator ? transitionButtons(batch) : '')],
  ].filter(Boolean), batches(), { id: 'batch-table' }, (batch) => ({ 'data-batch-id': batch.id, 'data-district': batch.district || null })));

  const refresh = debounce(async () => {
    await reloadBatches();
    render();
  }, 100);
  const stop = onBoardChange((change) => {
    if (change.kind === 'batch' || change.kind === 'resync') {
      refresh();
    }
  });
  render();
  return () => {
    stop();
    refresh.cancel();
  };
}

function transitionButtons(batch) {
  return TRANSITIONS.filter(([, from]) => from.includes(batch.state)).map(([command]) => h('button', {
    type: 'button', class: 'button', 'data-action': command, 'data-batch-id': batch.id,
    onclick: async (event) => {
      event.currentTarget.disabled = true;
      try {
        await api.post(`/api/batches/${batch.id}/${command}`);
        notify(t('actions.sent'));
      } catch (error) {
        notify(error.message);
      }
    },
  }, t(`batches.${command}`)));
}

function createForm() {
  const now = Date.now();
  const form = h('form', { class: 'card', id: 'new-batch-form' },
    field({ name: 'name', label: t('batch.name'), required: true, attributes: { maxlength: 100 } }),
    field({ name: 'opensAt', label: t('batch.opensAt'), kind: 'date', required: true, value: dateInputValue(now),
      attributes: { 'data-day': 'start' } }),
    field({ name: 'claimDeadline', label: t('batch.claimDeadline'), kind: 'date', required: true, value: dateInputValue(now + 14 * DAY) }),
    field({ name: 'dueDate', label: t('batch.dueDate'), kind: 'date', required: true, value: dateInputValue(now + 90 * DAY) }),
    field({ name: 'reportingPeriodDays', label: t('batch.reportingPeriodDays'), kind: 'number', required: true, value: 7,
      attributes: { min: 1, step: 1, inputmode: 'numeric' } }),
    field({ name: 'evaluationQuorum', label: t('batch.evaluationQuorum'), kind: 'number', required: true, value: 3,
      attributes: { min: 1, max: 100, step: 1, inputmode: 'numeric' } }),
    field({ name: 'evaluationMinimumWindowHours', label: t('batch.evaluationMinimumWindowHours'), kind: 'number', required: true,
      value: 72, attributes: { min: 0, max: 720, step: 1, inputmode: 'numeric' } }),
    field({ name: 'evaluationLinksPerRound', label: t('batch.evaluationLinksPerRound'), kind: 'number', required: true, value: 50,
      attributes: { min: 1, max: 1000, step: 1, inputmode: 'numeric' } }),
    ...[['awardLimitDays', 7], ['verdictLimitDays', 5], ['evaluationLinksLimitDays', 2], ['assignmentLimitDays', 3], ['newRoundClaimDays', 7]].map(([name, days]) =>
      field({ name, label: t(`batch.${name}`), kind: 'number', required: true, value: days,
        attributes: { min: 1, max: 90, step: 1, inputmode: 'numeric' } })),
    submitButton(t('batches.create')));
  bindForm(form, async (values) => {
    await api.post('/api/batches', values);
    notify(t('actions.sent'));
    form.reset();
  });
  return section(t('batches.new'), 'new-batch', form);
}
