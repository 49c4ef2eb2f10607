import { api, query } from '../api.js';
import { batch, orgName } from '../directory.js';
import { append, h, replaceChildren } from '../dom.js';
import { bindForm, field, submitButton } from '../forms.js';
import { formatDate, formatDateTime, label, t } from '../i18n.js';
import { onUnread, recipientOf, refreshUnread } from '../inbox.js';
import { notify, section, table } from '../widgets.js';

/** The kinds of event that notify (notification-service's NotificationRules.KINDS), in its order. */
const KINDS = ['ClaimSubmitted', 'ClaimAwarded', 'TopicAssigned', 'TopicUnclaimed', 'ProgressReported', 'EscalationRaised',
  'ResolutionSubmitted', 'ResolutionRejected', 'ResolutionAccepted', 'EvaluationClosed', 'AppealLodged', 'AppealDecided',
  'ReportingPeriodClosed'];
/** The kind about a batch's period digest rather than a topic: topicId and title are null, link names the digest. */
const DIGEST = 'ReportingPeriodClosed';
const DELIVERY_STATUSES = ['', 'PENDING', 'SENT', 'FAILED', 'DEAD'];

/**
 * Notifications (通知): the user's inbox (its organisation's, the coordination's or leadership's), newest first, marked
 * read one by one or all at once and refreshed as the unread count changes; how the recipient hears (its language and,
 * per channel, which kinds of event: inbox, e-mail, signed webhook); and its e-mail and webhook deliveries, a dead one
 * sent again by hand.
 */
export async function notificationsView(main, { session, params }) {
  const recipient = recipientOf(session);
  const list = h('div', { id: 'inbox-list' });
  const settings = h('div', { id: 'notification-settings-area' });
  const deliveries = h('div', { id: 'notification-deliveries-area' });
  append(main, [h('h1', {}, t('notifications.title')),
    h('p', { class: 'lead' }, t('notifications.intro', { recipient: recipientName(recipient) })),
    section(t('notifications.inbox'), 'inbox', list),
    section(t('notifications.settings'), 'notification-settings', settings),
    section(t('notifications.deliveries'), 'notification-deliveries', deliveries)]);

  async function loadInbox() {
    const inbox = await api.get('/api/inbox?limit=100');
    replaceChildren(list, inboxList(inbox, loadInbox));
  }

  async function loadDeliveries(status) {
    const rows = await api.get(`/api/notification-settings/${encodeURIComponent(recipient)}/deliveries${query({ status })}`);
    replaceChildren(deliveries, deliveriesTable(recipient, rows, status, loadDeliveries));
  }

  const current = await api.get(`/api/notification-settings/${encodeURIComponent(recipient)}`);
  replaceChildren(settings, settingsForm(recipient, current, () => loadDeliveries(params.get('status') || '')));
  await Promise.all([loadInbox(), loadDeliveries(params.get('status') || '')]);
  return onUnread(() => loadInbox());
}

function recipientName(recipient) {
  if (recipient === 'coordinator') {
    return t('org.district');
  }
  return recipient === 'leadership' ? label('role', 'LEADERSHIP') : orgName(recipient);
}

function inboxList(inbox, reload) {
  const readAll = h('button', { type: 'button', class: 'button', id: 'inbox-read-all', disabled: inbox.unread === 0,
    onclick: async () => {
      await api.post('/api/inbox/read-all');
      await refreshUnread();
      reload();
    } }, t('notifications.readAll'));
  const items = inbox.notifications.map((item) => h('li', {
    class: `notification${item.read ? '' : ' unread'}`, 'data-notification': item.id, 'data-type': item.eventType,
    'data-read': String(item.read),
  },
  h('p', { class: 'notification-text' }, subjectLink(item), ' ', describe(item)),
  h('p', { class: 'notification-meta' }, h('time', { datetime: item.occurredAt }, formatDateTime(item.occurredAt)),
    item.read ? null : h('button', { type: 'button', class: 'button small mark-read',
      onclick: async () => {
        await api.post(`/api/inbox/${encodeURIComponent(item.id)}/read`);
        await refreshUnread();
        reload();
      } }, t('notifications.markRead')))));
  return [h('p', { class: 'filters' }, h('span', { id: 'inbox-unread-total' }, t('notifications.unread', { count: inbox.unread })),
    ' ', readAll),
  items.length ? h('ul', { class: 'notifications' }, items) : h('p', { class: 'empty' }, t('notifications.empty'))];
}

/**
 * The page a notification or delivery is about, linked: the topic's, by its title, or a batch's period digest (a
 * ReportingPeriodClosed, which names no topic), by the batch and the period. The service answers the page's route as
 * link; the batch and period of a digest are read from it (a delivery has no fields).
 */
function subjectLink(item) {
  if (item.eventType !== DIGEST) {
    return h('a', { href: item.link || `#/topics/${item.topicId}` }, item.title || item.topicId);
  }
  const route = item.link || '';
  const digest = new URLSearchParams(route.includes('?') ? route.slice(route.indexOf('?') + 1) : '');
  const batchId = digest.get('batch') || '';
  return h('a', { href: route, class: 'digest-link' },
    t('notification.digestOf', { batch: (batch(batchId) || {}).name || batchId, period: digest.get('period') || '' }));
}

/** What a notification says, in the reader's language, from its kind and its fields. */
export function describe(item) {
  const f = item.fields || {};
  if (item.eventType === DIGEST) {
    return t('notification.ReportingPeriodClosed', {
      start: formatDate(f.periodStart),
      end: formatDate(lastDayOf(f.periodEnd)),
      overdue: f.overdue ?? 0,
      escalated: f.escalated ?? 0,
      organisations: f.organisations ?? 0,
    });
  }
  return t(`notification.${item.eventType}`, {
    org: f.orgId ? orgName(f.orgId) : '',
    lead: f.leadOrgId ? orgName(f.leadOrgId) : '',
    percent: f.percent ?? '',
    level: f.level ?? '',
    reason: item.eventType === 'EscalationRaised' ? label('escalationReason', f.reason) : (f.reason || ''),
    outcome: label('outcome', f.outcome),
    ruling: label('appealRuling', f.ruling),
    subject: label('appealSubject', f.subject),
    round: item.round,
  });
}

/** A period ends when the next begins: its last day is the one of the instant before its end. */
function lastDayOf(end) {
  return end ? new Date(new Date(end).getTime() - 1).toISOString() : end;
}

function settingsForm(recipient, current, afterSave) {
  const kinds = (chosen, name) => field({ name, label: t(`notifications.${name}`), kind: 'checkboxes',
    options: KINDS.map((kind) => ({ value: kind, label: label('event', kind), checked: chosen.includes(kind) })) });
  const enabled = (name, on) => field({ name, label: t(`notifications.${name}`), kind: 'checkboxes',
    options: [{ value: 'on', label: t('notifications.enabled'), checked: on }] });
  const form = h('form', { class: 'card', id: 'notification-settings-form' },
    field({ name: 'language', label: t('notifications.language'), kind: 'select', value: current.language,
      options: [{ value: 'zh-CN', label: '中文' }, { value: 'en', label: 'English' }] }),
    kinds(current.inbox.events, 'inboxEvents'),
    h('fieldset', { class: 'channel', id: 'channel-email' }, h('legend', {}, t('notifications.email')),
      enabled('emailEnabled', current.email.enabled),
      field({ name: 'email', label: t('notifications.emailAddress'), kind: 'email', value: current.email.address || '',
        id: 'notification-email-address', attributes: { maxlength: 254, autocomplete: 'email' } }),
      kinds(current.email.events, 'emailEvents')),
    h('fieldset', { class: 'channel', id: 'channel-webhook' }, h('legend', {}, t('notifications.webhook')),
      enabled('webhookEnabled', current.webhook.enabled),
      field({ name: 'webhook', label: t('notifications.webhookUrl'), kind: 'url', value: current.webhook.url || '',
        id: 'notification-webhook-url', attributes: { maxlength: 2000 } }),
      field({ name: 'webhookSecret', label: t('notifications.webhookSecret'), kind: 'password', id: 'notification-webhook-secret',
        hint: t(current.webhook.secretSet ? 'notifications.secretSet' : 'notifications.secretHint'),
        attributes: { maxlength: 256, autocomplete: 'new-password' } }),
      kinds(current.webhook.events, 'webhookEvents')),
    submitButton(t('notifications.save'), '', { id: 'notification-settings-save' }));
  bindForm(form, async (values) => {
    await api.put(`/api/notification-settings/${encodeURIComponent(recipient)}`, {
      language: values.language,
      inbox: { events: values.inboxEvents },
      email: { enabled: values.emailEnabled.includes('on'), address: values.email, events: values.emailEvents },
      webhook: { enabled: values.webhookEnabled.includes('on'), url: values.webhook, secret: values.webhookSecret,
        events: values.webhookEvents },
    });
    form.querySelector('#notification-webhook-secret').value = '';
    notify(t('notifications.saved'));
    afterSave();
  });
  return form;
}

function deliveriesTable(recipient, rows, status, reload) {
  const filter = h('select', { id: 'delivery-status', name: 'status', onchange: (event) => reload(event.currentTarget.value) },
    DELIVERY_STATUSES.map((value) => h('option', { value, selected: value === status },
      value ? label('deliveryStatus', value) : t('notifications.allDeliveries'))));
  return [h('p', { class: 'filters' }, h('label', { for: 'delivery-status' }, t('notifications.show')), ' ', filter),
    table(t('notifications.deliveries'), [
      [t('notifications.when'), (d) => formatDateTime(d.createdAt)],
      [t('notifications.channel'), (d) => label('channel', d.channel)],
      [t('notifications.what'), (d) => [label('event', d.eventType), ' ', subjectLink(d)]],
      [t('notifications.state'), (d) => h('span', { class: 'delivery-status', 'data-status': d.status }, label('deliveryStatus', d.status))],
      [t('notifications.attempts'), (d) => String(d.attempts)],
      [t('notifications.lastError'), (d) => d.lastError || ''],
      [t('notifications.nextAttempt'), (d) => (d.status === 'FAILED' || d.status === 'PENDING' ? formatDateTime(d.nextAttemptAt) : '')],
      [t('claim.actions'), (d) => (d.status === 'DEAD' ? h('button', { type: 'button', class: 'button retry-delivery',
        'data-delivery': d.id,
        onclick: async () => {
          await api.post(`/api/notification-settings/${encodeURIComponent(recipient)}/deliveries/${encodeURIComponent(d.id)}/retry`);
          notify(t('notifications.retried'));
          reload(status);
        } }, t('notifications.retry')) : '')],
    ], rows, { class: 'deliveries' })];
}
