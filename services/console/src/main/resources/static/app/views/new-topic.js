import { api } from '../api.js';
import { batch, batches, categoryClasses, orgKind } from '../directory.js';
import { h } from '../dom.js';
import { bindForm, dateInputValue, field, submitButton } from '../forms.js';
import { label, localName, t } from '../i18n.js';
import { navigate } from '../nav.js';
import { canPostTopics } from '../permissions.js';

/** Posting a topic: saved as a draft, or saved and published at once. */
export async function newTopicView(main, { params, session }) {
  main.append(h('h1', {}, t('newTopic.title')));
  if (!canPostTopics(session)) {
    main.append(h('p', {}, t('newTopic.notAllowed')));
    return null;
  }
  const open = batches().filter((candidate) => candidate.state === 'OPEN');
  if (open.length === 0) {
    main.append(h('p', { role: 'status' }, t('newTopic.noOpenBatch')));
    return null;
  }
  const chosen = batch(params.get('batch')) || open[0];
  const direction = orgKind(session.orgId) === 'STREET' ? 'STREET_TO_DEPARTMENT' : 'DEPARTMENT_TO_STREET';
  const form = h('form', { class: 'card', id: 'new-topic-form' },
    h('p', { class: 'lead' }, t('newTopic.direction', { direction: label('direction', direction) })),
    field({ name: 'batchId', label: t('topic.batch'), kind: 'select', required: true, value: chosen.id,
      options: open.map((candidate) => ({ value: candidate.id, label: candidate.name })) }),
    field({ name: 'title', label: t('topic.title'), required: true, attributes: { maxlength: 200 } }),
    field({ name: 'description', label: t('topic.description'), kind: 'textarea', required: true, attributes: { rows: 5 } }),
    field({ name: 'category', label: t('topic.category'), kind: 'select', required: true, value: '',
      options: [{ value: '', label: t('form.choose') }, ...categoryClasses().map((group) => ({ group: group.name,
        options: group.categories.map((category) => ({ value: category.code, label: localName(category) })) }))] }),
    field({ name: 'expectedOutcome', label: t('topic.expectedOutcome'), kind: 'textarea', required: true }),
    field({ name: 'dueDate', label: t('topic.dueDate'), kind: 'date', required: true, value: dateInputValue(chosen.dueDate),
      hint: t('newTopic.dueDateHint') }),
    field({ name: 'priority', label: t('topic.priority'), kind: 'select', required: true, value: 'NORMAL',
      options: ['LOW', 'NORMAL', 'HIGH', 'URGENT'].map((value) => ({ value, label: label('priority', value) })) }),
    field({ name: 'location', label: t('topic.location'), attributes: { maxlength: 200 } }),
    field({ name: 'claimMode', label: t('topic.claimMode'), kind: 'radios', required: true, value: 'FIRST_COME',
      options: ['FIRST_COME', 'POSTER_SELECTS'].map((value) => ({ value, label: label('claimModeHint', value) })) }),
    field({ name: 'maxCoClaimants', label: t('topic.maxCoClaimants'), kind: 'number', required: true, value: 2,
      attributes: { min: 0, max: 10, step: 1, inputmode: 'numeric' } }),
    h('div', { class: 'buttons' },
      submitButton(t('newTopic.saveDraft'), 'draft', { class: 'button', id: 'save-draft' }),
      submitButton(t('newTopic.publish'), 'publish', { id: 'save-publish' })));
  bindForm(form, async (values, action) => {
    const posted = await api.post('/api/topics', values);
    if (action === 'publish') {
      await api.post(`/api/topics/${posted.id}/publish`);
    }
    navigate(`/topics/${posted.id}`);
  });
  main.append(form);
  return null;
}
