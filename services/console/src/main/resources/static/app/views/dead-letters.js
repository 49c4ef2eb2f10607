import { api, query } from '../api.js';
import { append, h, replaceChildren } from '../dom.js';
import { formatDateTime, label, t } from '../i18n.js';
import { replaceQuery } from '../nav.js';
import { notify, section, table } from '../widgets.js';

/**
 * Dead letters (死信), for coordinators: what each service could not process (a record it consumed, or a commit its
 * relay could never publish), with the reason; replay one (the service handles it again) or discard it with a reason.
 */
export const SERVICES = ['topic-service', 'claim-service', 'dispatch-service', 'resolution-service', 'notification-service',
  'console'];
const STATUSES = ['DEAD', 'REPLAYED', 'DISCARDED', 'ALL'];

export async function deadLettersView(main, { params }) {
  const status = STATUSES.includes(params.get('status')) ? params.get('status') : 'DEAD';
  const filter = h('select', { id: 'dead-letter-status', name: 'status',
    onchange: (event) => {
      replaceQuery('/dead-letters', { status: event.currentTarget.value });
      load(event.currentTarget.value);
    } }, STATUSES.map((value) => h('option', { value, selected: value === status }, label('deadLetterStatus', value))));
  filter.value = status;
  const lists = h('div', { id: 'dead-letter-lists' });
  append(main, [h('h1', {}, t('deadLetters.title')), h('p', { class: 'lead' }, t('deadLetters.intro')),
    h('p', { class: 'filters' }, h('label', { for: 'dead-letter-status' }, t('deadLetters.show')), ' ', filter), lists]);

  async function load(wanted) {
    const parts = await Promise.all(SERVICES.map(async (service) => {
      try {
        const letters = await api.get(`/api/dead-letters/${service}${query({ status: wanted })}`);
        return serviceSection(service, letters, () => load(filter.value));
      } catch (error) {
        return section(t('deadLetters.caption', { service }), `dead-letters-${service}`,
          h('p', { class: 'error', role: 'alert' }, t('deadLetters.unavailable', { message: error.message })));
      }
    }));
    replaceChildren(lists, parts);
  }

  await load(status);
  return null;
}

function serviceSection(service, letters, reload) {
  return section(t('deadLetters.caption', { service }), `dead-letters-${service}`, table(t('deadLetters.caption', { service }), [
    [t('deadLetters.id'), (letter) => h('code', {}, letter.id)],
    [t('deadLetters.origin'), (letter) => label('deadLetterOrigin', letter.origin)],
    [t('deadLetters.reason'), (letter) => h('span', { class: 'dead-letter-reason', title: letter.exception || '' },
      letter.reason || '', letter.exception ? h('small', {}, ` (${shortName(letter.exception)})`) : null)],
    [t('deadLetters.source'), (letter) => [letter.topic,
      letter.partition === null || letter.partition === undefined ? '' : ` #${letter.partition}@${letter.offset}`].join('')],
    [t('deadLetters.event'), (letter) => (letter.eventType || letter.eventId
      ? [letter.eventType || '?', ' ', h('small', {}, letter.eventId || '')] : '—')],
    [t('deadLetters.diedAt'), (letter) => formatDateTime(letter.diedAt)],
    [t('deadLetters.deaths'), (letter) => String(letter.deaths)],
    [t('deadLetters.state'), (letter) => [label('deadLetterStatus', letter.status),
      letter.resolvedBy ? h('small', {}, ` ${letter.resolvedBy}${letter.resolution ? `: ${letter.resolution}` : ''}`) : null]],
    [t('claim.actions'), (letter) => (letter.status === 'DEAD' ? actions(service, letter, reload) : '')],
  ], letters, { class: 'dead-letters', 'data-service': service }));
}

function actions(service, letter, reload) {
  const base = `/api/dead-letters/${service}/${encodeURIComponent(letter.id)}`;
  const replay = h('button', { type: 'button', class: 'button', 'data-action': 'replay', 'data-dead-letter': letter.id,
    onclick: async (event) => {
      event.currentTarget.disabled = true;
      try {
        const after = await api.post(`${base}/replay`);
        notify(after.status === 'DEAD' ? t('deadLetters.failedAgain', { reason: after.reason }) : t('deadLetters.replayed'));
      } catch (error) {
        notify(error.message);
      }
      reload();
    } }, t('deadLetters.replay'));
  const reasonId = `discard-${service}-${letter.id}`.replace(/[^\w-]/g, '_');
  const reason = h('input', { type: 'text', id: reasonId, name: 'reason', required: true, maxlength: 500,
    placeholder: t('deadLetters.discardReason'), 'aria-label': t('deadLetters.discardReason') });
  const discard = h('form', { class: 'inline-form', 'data-action': 'discard', 'data-dead-letter': letter.id,
    onsubmit: async (event) => {
      event.preventDefault();
      try {
        await api.post(`${base}/discard`, { reason: reason.value });
        notify(t('deadLetters.discarded'));
        reload();
      } catch (error) {
        notify(error.message);
      }
    } },
  reason,
  h('button', { type: 'submit', class: 'button' }, t('deadLetters.discard')));
  return h('div', { class: 'dead-letter-actions' }, replay, discard);
}

function shortName(exception) {
  return exception.slice(exception.lastIndexOf('.') + 1);
}
