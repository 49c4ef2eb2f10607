import { api, query } from '../api.js';
import { carryToTopic, chosenFiles, fileField, uploadFiles, uploadStatus } from '../attachments.js';
import { batch, batches, categoryClasses, orgKind, orgName } from '../directory.js';
import { debounce, h, replaceChildren } from '../dom.js';
import { bindForm, dateInputValue, field, submitButton } from '../forms.js';
import { formatDate, label, localName, t } from '../i18n.js';
import { navigate } from '../nav.js';
import { canPostTopics } from '../permissions.js';
import { statusBadge } from '../widgets.js';

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
  const files = fileField({ part: 'topic', label: t('attachments.topicFiles'), id: 'new-topic-files' });
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
    files,
    h('div', { class: 'buttons' },
      submitButton(t('newTopic.saveDraft'), 'draft', { class: 'button', id: 'save-draft' }),
      submitButton(t('newTopic.publish'), 'publish', { id: 'save-publish' })));
  bindForm(form, async (values, action) => {
    const picked = chosenFiles(files);
    const posted = await api.post('/api/topics', values);
    // The files go with the draft, before it is published: those who see the topic open see them too.
    const status = uploadStatus(files, picked);
    const { failed } = await uploadFiles(posted.id, 'topic', picked, status.onFile);
    status.done();
    if (failed.length) {
      // The draft is kept, unpublished: its page says what was refused, and the files can be sent again there.
      carryToTopic(posted.id, 'topic', action === 'publish' ? [t('attachments.keptAsDraft'), ...failed] : failed);
    } else if (action === 'publish') {
      await api.post(`/api/topics/${posted.id}/publish`);
    }
    navigate(`/topics/${posted.id}`);
  });
  const similar = similarTopics(form);
  main.append(h('div', { class: 'new-topic-layout' }, form, similar.panel));
  return similar.stop;
}

/** What the server accepts as the text to compare (GET /api/topics/similar); fewer letters say too little to ask. */
const SIMILAR_MIN_CHARS = 4;
const SIMILAR_MAX_CHARS = 2000;
const SIMILAR_LIMIT = 5;
const SIMILAR_WAIT_MILLIS = 400;
const SUMMARY_CHARS = 120;

/**
 * Solved topics like the one being typed (参考已解决的相似榜单), beside the form: asked for once the title and description
 * stop changing for a moment; an answer overtaken by a newer question is dropped. The panel only reads the two
 * fields: it never moves the focus nor touches the form, and a failed question leaves it quiet.
 */
function similarTopics(form) {
  const title = form.querySelector('[name=title]');
  const description = form.querySelector('[name=description]');
  const hint = h('p', { class: 'hint', id: 'similar-topics-hint' }, t('similar.hint'));
  const list = h('ul', { class: 'suggestions', id: 'similar-topics-list', hidden: true });
  const panel = h('section', { class: 'panel similar-topics', id: 'similar-topics', 'aria-live': 'polite',
    'aria-labelledby': 'similar-topics-heading', 'data-state': 'idle' },
  h('h2', { id: 'similar-topics-heading' }, t('similar.title')), hint, list);
  let asked = 0;
  let shownText = null;
  let left = false;

  function settle(state) {
    panel.dataset.state = state;
    panel.removeAttribute('aria-busy');
  }

  function quiet(message, state) {
    shownText = null;
    settle(state);
    hint.textContent = message;
    hint.hidden = false;
    list.hidden = true;
    list.replaceChildren();
  }

  async function lookUp() {
    const text = similarText(title.value, description.value);
    if (text.replace(/\s/g, '').length < SIMILAR_MIN_CHARS) {
      asked += 1;
      quiet(t('similar.hint'), 'idle');
      return;
    }
    if (text === shownText) {
      // Back to the text whose answer is shown: a question still on its way is no longer wanted.
      asked += 1;
      settle(panel.dataset.state);
      return;
    }
    asked += 1;
    const ticket = asked;
    panel.setAttribute('aria-busy', 'true');
    try {
      const found = await api.get(`/api/topics/similar${query({ text, limit: SIMILAR_LIMIT })}`);
      if (left || ticket !== asked) {
        return;
      }
      const suggestions = Array.isArray(found) ? found.slice(0, SIMILAR_LIMIT) : [];
      if (suggestions.length === 0) {
        quiet(t('similar.none'), 'none');
      } else {
        replaceChildren(list, suggestions.map(suggestion));
        hint.hidden = true;
        list.hidden = false;
        settle('found');
      }
      shownText = text;
    } catch (failed) {
      // A question that failed (or a suggestion that could not be drawn) leaves the panel quiet, not the form.
      if (!left && ticket === asked) {
        quiet(t('similar.hint'), 'idle');
      }
    }
  }

  const later = debounce(() => { lookUp().catch(() => {}); }, SIMILAR_WAIT_MILLIS);
  title.addEventListener('input', later);
  description.addEventListener('input', later);
  // A description brought back from its draft is worth asking about at once.
  lookUp().catch(() => {});
  return {
    panel,
    stop: () => {
      left = true;
      later.cancel();
    },
  };
}

/** The title and description as one text, no longer than the server takes (never cutting a character in two). */
function similarText(title, description) {
  const text = [title.trim(), description.trim()].filter(Boolean).join('\n');
  return text.length > SIMILAR_MAX_CHARS ? text.slice(0, SIMILAR_MAX_CHARS).replace(/[\uD800-\uDBFF]$/, '') : text;
}

function suggestion(found) {
  const coClaimants = (Array.isArray(found.coClaimantOrgIds) ? found.coClaimantOrgIds : []).map(orgName).filter(Boolean);
  const lead = orgName(found.leadOrgId);
  let solvedBy = null;
  if (lead && coClaimants.length) {
    solvedBy = t('similar.solvedByWith', { lead, coClaimants: coClaimants.join(t('similar.separator')) });
  } else if (lead) {
    solvedBy = t('similar.solvedBy', { lead });
  }
  const solvedAt = validDate(found.solvedAt) ? t('similar.solvedAt', { date: formatDate(found.solvedAt) }) : null;
  const summary = (found.resolutionSummary || '').trim();
  return h('li', { class: 'suggestion', 'data-topic': found.topicId },
    h('p', { class: 'suggestion-head' },
      h('a', { href: `#/topics/${encodeURIComponent(found.topicId)}`, class: 'suggestion-title' }, found.title || found.topicId),
      ' ', found.status ? statusBadge(found.status) : null),
    solvedBy || solvedAt ? h('p', { class: 'meta suggestion-meta' },
      solvedBy ? h('span', { class: 'suggestion-solved-by' }, solvedBy) : null,
      solvedBy && solvedAt ? ' · ' : null,
      solvedAt ? h('time', { class: 'suggestion-solved-at', datetime: found.solvedAt }, solvedAt) : null) : null,
    summary ? h('p', { class: 'suggestion-summary', title: summary }, shorten(summary, SUMMARY_CHARS)) : null);
}

function validDate(iso) {
  return Boolean(iso) && !Number.isNaN(new Date(iso).getTime());
}

/** At most that many characters, an ellipsis marking what was cut. */
function shorten(text, most) {
  const characters = Array.from(text.replace(/\s+/g, ' '));
  return characters.length > most ? `${characters.slice(0, most - 1).join('').trimEnd()}…` : characters.join('');
}
