import { api, Problem } from '../api.js';
import { attachmentPanel } from '../attachment-panel.js';
import { chosenFiles, fileField, takeCarried, uploadStatus } from '../attachments.js';
import { batch, categoryName, districtName, orgName, orgs } from '../directory.js';
import { debounce, h, replaceChildren } from '../dom.js';
import { bindForm, dateInputValue, field, submitButton } from '../forms.js';
import { formatDate, formatDateTime, label, localName, t } from '../i18n.js';
import { onBoardChange } from '../live.js';
import { appealOpen, claimActions, claimantKind, pendingAppeal, topicActions } from '../permissions.js';
import { keyedRegion } from '../regions.js';
import { readsAllDistricts } from '../session.js';
import { facts, notify, progressBar, section, statusBadge, table } from '../widgets.js';

/** One topic: every field, claims, progress, resolution, evaluation, escalations, the timeline, and the actions the user may take. */
const RETRY_UNSEEN_MILLIS = 1000;

export async function topicView(main, { args: [topicId], session }) {
  const title = h('h1', { id: 'topic-title' }, t('topic.loading'));
  const statusLine = h('p', { class: 'status-line', id: 'topic-status', role: 'status' });
  const details = h('div', { id: 'topic-details' });
  // The files' section stays between the topic's fields and the rest, drawn once: its pickers keep what was chosen.
  const fieldsRegion = h('div', {});
  const restRegion = h('div', {});
  const attachments = attachmentPanel(topicId, session);
  const carried = takeCarried(topicId);
  if (carried) {
    attachments.showFailures(carried.part, carried.messages);
  }
  details.append(fieldsRegion, attachments.element, restRegion);
  const forms = h('div', { class: 'action-forms' });
  const panel = section(t('actions.title'), 'actions-panel', forms);
  const links = h('div', { id: 'evaluation-links', 'aria-live': 'polite' });
  let shown = null;
  let retry = null;
  // Data regions are drawn again on every change; the forms only where nobody is using them.
  const actionForms = keyedRegion(forms, (name) => staleNotice(name, shown, session));
  panel.hidden = true;
  // Actions come first for keyboards and narrow screens; on a wide screen they sit to the right.
  main.append(h('div', { class: 'page-head' }, title, statusLine),
    h('div', { class: 'topic-layout' }, h('aside', { class: 'topic-aside' }, h('div', { id: 'topic-actions' }, panel), links), details));

  let requests = 0;
  async function load() {
    requests += 1;
    const request = requests;
    let topic;
    try {
      topic = await api.get(`/api/topics/${encodeURIComponent(topicId)}`);
      if (request !== requests) {
        // A later change is being fetched: an earlier answer must not be drawn over it.
        return;
      }
    } catch (error) {
      if (!(error instanceof Problem) || error.status !== 404) {
        throw error;
      }
      // Just posted: the read model shows the topic within moments.
      replaceChildren(statusLine, t('topic.notYetVisible'));
      retry = setTimeout(load, RETRY_UNSEEN_MILLIS);
      return;
    }
    shown = topic;
    title.textContent = topic.title;
    replaceChildren(statusLine, ...statusOf(topic));
    const [fields, ...rest] = topicDetails(topic, session, load);
    replaceChildren(fieldsRegion, fields);
    replaceChildren(restRegion, ...rest);
    attachments.update(topic);
    actionForms.update(topicActions(topic, session)
      .map((name) => [name, () => actionFormFor(name, topic, { session, output: links, attachments })]));
    panel.hidden = actionForms.isEmpty();
  }

  const refresh = debounce(load, 100);
  const stop = onBoardChange((change) => {
    if (change.kind === 'resync' || (change.kind === 'topic' && change.id === topicId)) {
      refresh();
    }
  });
  // A form just sent is empty again: it may go if its action no longer applies.
  forms.addEventListener('sent', refresh);
  await load();
  return () => {
    stop();
    refresh.cancel();
    clearTimeout(retry);
  };
}

function statusOf(topic) {
  return [statusBadge(topic.status), ' ', t('topic.round', { round: topic.round }),
    topic.escalationLevel > 0 ? h('span', { class: 'badge escalation' }, label('escalationLevel', topic.escalationLevel)) : null,
    pendingAppeal(topic) ? [' ', h('span', { class: 'badge appeal', 'data-appeal': 'PENDING' }, t('appeal.pendingBadge'))] : null];
}

/** Why a form someone was filling in no longer applies, in terms of what changed on the topic. */
function staleNotice(name, topic, session) {
  if (name === 'claim' && topic.leadOrgId && topic.leadOrgId !== session.orgId) {
    return t('stale.awardedTo', { org: orgName(topic.leadOrgId) });
  }
  if (name === 'decide' && topic.resolution && topic.resolution.status !== 'SUBMITTED') {
    return t('stale.decided', { decision: label('resolutionStatus', topic.resolution.status) });
  }
  const appeal = topic.appeal;
  if (name === 'appeal' && appeal && appeal.status !== 'APPEALABLE') {
    return t('stale.appealLodged');
  }
  if (name === 'appeal' && appeal && appeal.appealableUntil && new Date(appeal.appealableUntil) <= new Date()) {
    return t('stale.appealWindowPassed', { until: formatDateTime(appeal.appealableUntil) });
  }
  if (name === 'decideAppeal' && appeal && appeal.ruling) {
    return t('stale.appealDecided', { ruling: label('appealRuling', appeal.ruling) });
  }
  if (['resolution', 'assign', 'claim'].includes(name) && pendingAppeal(topic)) {
    return t('stale.appealPending');
  }
  return t('stale.status', { status: label('status', topic.status) });
}

function topicDetails(topic, session, reload) {
  const inBatch = batch(topic.batchId);
  return [
    section(t('topic.fields'), 'topic-fields',
      facts([
        // The city level reads every district's topics: this one's is said first.
        [t('topic.district'), readsAllDistricts(session) ? districtName(topic.district) : null],
        [t('topic.direction'), label('direction', topic.direction)],
        [t('topic.batch'), inBatch ? inBatch.name : topic.batchId],
        [t('topic.poster'), orgName(topic.posterOrgId)],
        [t('topic.category'), categoryName(topic.category)],
        [t('topic.priority'), label('priority', topic.priority)],
        [t('topic.dueDate'), formatDate(topic.dueDate)],
        [t('topic.location'), topic.location],
        [t('topic.point'), topic.point ? `${topic.point.latitude}, ${topic.point.longitude}` : null],
        [t('topic.claimMode'), label('claimMode', topic.claimMode)],
        [t('topic.maxCoClaimants'), String(topic.maxCoClaimants)],
        [t('topic.postedAt'), formatDateTime(topic.postedAt)],
        [t('topic.publishedAt'), formatDateTime(topic.publishedAt)],
        [t('topic.updatedAt'), formatDateTime(topic.updatedAt)],
      ]),
      h('h3', {}, t('topic.description')), h('p', { class: 'text', id: 'topic-description' }, topic.description),
      h('h3', {}, t('topic.expectedOutcome')), h('p', { class: 'text' }, topic.expectedOutcome)),
    section(t('topic.claims'), 'topic-claims',
      facts([
        [t('topic.lead'), orgName(topic.leadOrgId)],
        [t('topic.coClaimants'), (topic.coClaimantOrgIds || []).map(orgName).join('、')],
        [t('topic.committedDate'), topic.award ? formatDate(topic.award.committedDate) : null],
        [t('topic.awardedBy'), topic.award ? label('awardedBy', topic.award.awardedBy) : null],
      ], { id: 'topic-team' }),
      claimsTable(topic, session, reload)),
    section(t('topic.progress'), 'topic-progress',
      progressBar(topic.progressPercent, 'topic-progress-bar'),
      topic.progress ? facts([
        [t('progress.note'), topic.progress.note],
        [t('progress.milestone'), topic.progress.milestone],
        [t('progress.by'), orgName(topic.progress.orgId)],
        [t('progress.reportedAt'), formatDateTime(topic.progress.reportedAt)],
        [t('progress.reports'), String(topic.progress.reports)],
      ], { id: 'latest-report' }) : h('p', {}, t('progress.none'))),
    section(t('topic.resolution'), 'topic-resolution', topic.resolution ? facts([
      [t('resolution.status'), label('resolutionStatus', topic.resolution.status)],
      [t('resolution.summary'), topic.resolution.summary],
      [t('resolution.evidence'), topic.resolution.evidence],
      [t('resolution.by'), orgName(topic.resolution.orgId)],
      [t('resolution.submittedAt'), formatDateTime(topic.resolution.submittedAt)],
      [t('resolution.decidedAt'), formatDateTime(topic.resolution.decidedAt)],
      [t('resolution.rejectionReason'), topic.resolution.rejectionReason],
      [t('resolution.onTime'), topic.resolution.onTime === null || topic.resolution.onTime === undefined ? null : label('yesNo', topic.resolution.onTime)],
    ], { id: 'resolution-facts' }) : h('p', {}, t('resolution.none'))),
    section(t('topic.evaluation'), 'topic-evaluation', topic.evaluation ? facts([
      [t('evaluation.state'), t(topic.evaluation.open ? 'evaluation.open' : 'evaluation.closed')],
      [t('evaluation.closesAt'), formatDateTime(topic.evaluation.closesAt)],
      [t('evaluation.linksIssued'), topic.evaluation.linksPerRound
        ? t('evaluation.linksOfCap', { count: topic.evaluation.linksIssued, cap: topic.evaluation.linksPerRound })
        : String(topic.evaluation.linksIssued)],
      [t('evaluation.quorum'), topic.evaluation.quorum ? t('evaluation.votes', { count: topic.evaluation.quorum }) : null],
      [t('evaluation.earliestCloseAt'), topic.evaluation.earliestCloseAt ? formatDateTime(topic.evaluation.earliestCloseAt) : null],
      [label('verdict', 'SATISFIED'), String(topic.evaluation.satisfied)],
      [label('verdict', 'BASICALLY_SATISFIED'), String(topic.evaluation.basicallySatisfied)],
      [label('verdict', 'DISSATISFIED'), String(topic.evaluation.dissatisfied)],
      [t('evaluation.outcome'), topic.evaluation.outcome ? evaluationOutcome(topic) : null],
      [t('evaluation.closeReason'), topic.evaluation.reason || null],
    ], { id: 'evaluation-facts' }) : h('p', {}, t('evaluation.none'))),
    appealSection(topic),
    (topic.openEscalations || []).length ? section(t('topic.escalations'), 'topic-escalations',
      h('ul', {}, topic.openEscalations.map((escalation) => h('li', {},
        label('escalationLevel', escalation.level), ' · ', label('escalationReason', escalation.reason), ' · ',
        formatDateTime(escalation.raisedAt))))) : null,
    section(t('topic.timeline'), 'topic-timeline', ...timeline(topic)),
  ];
}

/** An evaluation's outcome, and whether an appeal overturned it. */
function evaluationOutcome(topic) {
  const outcome = label('outcome', topic.evaluation.outcome);
  const appeal = topic.appeal;
  return appeal && appeal.subject === 'EVALUATION_OUTCOME' && appeal.ruling === 'OVERTURNED' && appeal.round === topic.evaluation.round
    ? t('appeal.outcomeOverturned', { outcome }) : outcome;
}

/**
 * The appeal (申诉) of a decision against the lead: while it may be lodged, when and by whom; once lodged, its reason
 * and evidence; once ruled on, the coordinator's ruling and reason. Every reader of the topic sees it.
 */
function appealSection(topic) {
  const appeal = topic.appeal;
  if (!appeal || (appeal.status === 'APPEALABLE' && !appealOpen(topic))) {
    return null;
  }
  return section(t('topic.appeal'), 'topic-appeal',
    facts([
      [t('appeal.state'), h('span', { id: 'appeal-state', 'data-appeal-status': appeal.status }, label('appealStatus', appeal.status))],
      [t('appeal.subject'), label('appealSubject', appeal.subject)],
      [t('appeal.round'), t('topic.round', { round: appeal.round })],
      [t('appeal.lead'), orgName(appeal.orgId)],
      [t('appeal.appealableUntil'), appeal.status === 'APPEALABLE' ? formatDateTime(appeal.appealableUntil) : null],
      [t('appeal.reason'), appeal.reason],
      [t('appeal.evidence'), appeal.evidence],
      [t('appeal.lodgedAt'), formatDateTime(appeal.lodgedAt)],
      [t('appeal.ruling'), appeal.ruling ? label('appealRuling', appeal.ruling) : null],
      [t('appeal.rulingReason'), appeal.rulingReason],
      [t('appeal.decidedAt'), formatDateTime(appeal.decidedAt)],
    ], { id: 'appeal-facts' }),
    appeal.ruling ? h('p', { id: 'appeal-outcome', 'data-ruling': appeal.ruling },
      label('appealOutcome', `${appeal.ruling}.${appeal.subject}`)) : null);
}

/** The newest events as the topic page carries them; a long history is fetched whole only when asked for. */
function timeline(topic) {
  const entries = topic.timeline || [];
  const list = h('ol', { class: 'timeline' }, entries.map(timelineEntry));
  if (!(topic.timelineSize > entries.length)) {
    return [list];
  }
  const more = h('button', { type: 'button', class: 'button', 'data-action': 'whole-timeline' },
    t('timeline.showAll', { shown: entries.length, total: topic.timelineSize }));
  more.addEventListener('click', async () => {
    more.disabled = true;
    try {
      replaceChildren(list, ...(await api.get(`/api/topics/${encodeURIComponent(topic.id)}/timeline`)).map(timelineEntry));
      more.remove();
    } catch (problem) {
      more.disabled = false;
      notify(problem.message);
    }
  });
  return [more, list];
}

function claimsTable(topic, session, reload) {
  return table(t('topic.claimsCaption'), [
    [t('claim.round'), (claim) => String(claim.round)],
    [t('claim.lead'), (claim) => orgName(claim.leadOrgId)],
    [t('claim.coClaimants'), (claim) => (claim.coClaimantOrgIds || []).map((org) => h('span', { class: 'co-claimant', 'data-org': org,
      'data-place': placeOf(claim, org) }, `${orgName(org)}（${label('place', placeOf(claim, org))}）`)).flatMap((item, i) => (i ? ['、', item] : [item]))],
    [t('claim.plan'), (claim) => claim.plan ?? t('claim.planSealed')],
    [t('claim.committedDate'), (claim) => formatDate(claim.committedDate)],
    [t('claim.withinWindow'), (claim) => label('yesNo', claim.withinClaimWindow)],
    [t('claim.status'), (claim) => [label('claimStatus', claim.status), claim.declineReason ? ` (${claim.declineReason})` : '']],
    [t('claim.submittedAt'), (claim) => formatDateTime(claim.submittedAt)],
    [t('claim.actions'), (claim) => claimButtons(topic, claim, session, reload)],
  ], topic.claims || [], { id: 'claims-table' });
}

/** Where a named co-claimant stands: ACCEPTED, DECLINED, or PENDING until it answers. */
function placeOf(claim, org) {
  if ((claim.acceptedCoClaimantOrgIds || []).includes(org)) {
    return 'ACCEPTED';
  }
  return (claim.declinedCoClaimantOrgIds || []).includes(org) ? 'DECLINED' : 'PENDING';
}

function claimButtons(topic, claim, session, reload) {
  const allowed = claimActions(topic, claim, session);
  const command = (path, done) => async (event) => {
    event.currentTarget.disabled = true;
    try {
      await api.post(`/api/topics/${topic.id}/claims/${claim.claimId}/${path}`, path === 'withdraw' ? {} : undefined);
      notify(t(done));
    } catch (error) {
      notify(error.message);
      reload();
    }
  };
  return [
    allowed.award ? h('button', { type: 'button', class: 'button primary', 'data-action': 'award', onclick: command('award', 'claim.awarded') },
      t('claim.award')) : null,
    allowed.withdraw ? h('button', { type: 'button', class: 'button', 'data-action': 'withdraw-claim', onclick: command('withdraw', 'claim.withdrawn') },
      t('claim.withdraw')) : null,
    allowed.answerPlace ? h('button', { type: 'button', class: 'button primary', 'data-action': 'accept-place',
      onclick: command('accept-place', 'claim.placeAccepted') }, t('claim.acceptPlace')) : null,
    allowed.answerPlace ? h('button', { type: 'button', class: 'button', 'data-action': 'decline-place',
      onclick: command('decline-place', 'claim.placeDeclined') }, t('claim.declinePlace')) : null,
  ];
}

function timelineEntry(entry) {
  const detail = eventDetail(entry);
  return h('li', { 'data-event': entry.type },
    h('time', { datetime: entry.at }, formatDateTime(entry.at)), ' ',
    h('strong', {}, label('event', entry.type)),
    h('span', { class: 'actor' }, ' — ', t('timeline.actor', {
      user: entry.actorUserId || t('timeline.system'),
      org: entry.actorOrgId ? orgName(entry.actorOrgId) : t('org.district'),
      role: label('role', entry.actorRole),
    })),
    detail ? h('p', { class: 'detail' }, detail) : null);
}

/** What an event says beyond its name, e.g. the percent and note of a progress report. */
function eventDetail(entry) {
  const data = entry.data || {};
  const team = (lead, co) => [orgName(lead), ...(co || []).map(orgName)].join('、');
  switch (entry.type) {
    case 'ClaimSubmitted':
    case 'ClaimAwarded':
      return `${team(data.leadOrgId, data.coClaimantOrgIds)} · ${t('claim.committedDate')} ${formatDate(data.committedDate)}`;
    case 'TopicAssigned':
    case 'CoClaimantAccepted':
    case 'CoClaimantDeclined':
      return orgName(data.orgId);
    case 'ProgressReported':
      return `${data.percent}% · ${data.note}${data.milestone ? ` · ${data.milestone}` : ''}`;
    case 'EscalationRaised':
      return `${label('escalationLevel', data.level)} · ${label('escalationReason', data.reason)}`;
    case 'ResolutionSubmitted':
      return data.summary;
    case 'EvaluationVoteCast':
      return label('verdict', data.verdict);
    case 'EvaluationClosed':
      return `${label('outcome', data.outcome)} · ${data.satisfied}/${data.basicallySatisfied}/${data.dissatisfied}`
        + (data.reason ? ` · ${data.reason}` : '');
    case 'EvaluationLinksIssued':
      return t('evaluation.linksCount', { count: data.count });
    case 'AppealLodged':
      return `${label('appealSubject', data.subject)} · ${data.reason}${data.evidence ? ` · ${data.evidence}` : ''}`;
    case 'AppealDecided':
      return `${label('appealRuling', data.ruling)} · ${data.reason}`;
    default:
      return data.reason || '';
  }
}

/** A form for one command; fields are read by name and the server's answer decides. */
function actionForm(name, title, fields, buttonText, send, buttonAttributes = {}) {
  const form = h('form', { class: 'action', id: `action-${name}`, 'aria-labelledby': `action-${name}-heading` },
    h('h3', { id: `action-${name}-heading` }, title), fields, submitButton(buttonText, '', buttonAttributes));
  return bindForm(form, async (values) => {
    await send(values);
    notify(t('actions.sent'));
    form.reset();
    form.dispatchEvent(new CustomEvent('sent', { bubbles: true }));
  });
}

function coClaimantPicker(topic, session) {
  const candidates = orgs(claimantKind(topic)).filter((org) => org.id !== session.orgId);
  const picker = field({ name: 'coClaimantOrgIds', label: t('claim.coClaimants'), kind: 'checkboxes',
    hint: t('claim.coClaimantsHint', { max: topic.maxCoClaimants }),
    options: candidates.map((org) => ({ value: org.id, label: localName(org) })) });
  const search = h('input', { type: 'search', class: 'choice-filter', id: 'co-claimant-filter', 'aria-label': t('claim.filterCoClaimants'),
    placeholder: t('claim.filterCoClaimants'),
    oninput: (event) => {
      const wanted = event.target.value.trim().toLowerCase();
      picker.querySelectorAll('.choice').forEach((choice) => {
        choice.hidden = Boolean(wanted) && !choice.textContent.toLowerCase().includes(wanted)
          && !choice.querySelector('input').value.includes(wanted);
      });
    } });
  picker.querySelector('.choice-list').before(search);
  // Once the topic's limit is picked, the other boxes wait until one is unticked.
  const boxes = [...picker.querySelectorAll('input[type=checkbox]')];
  const limit = () => {
    const full = boxes.filter((box) => box.checked).length >= topic.maxCoClaimants;
    boxes.forEach((box) => { box.disabled = full && !box.checked; });
  };
  picker.addEventListener('change', limit);
  limit();
  return picker;
}

const topicPath = (topic, command) => `/api/topics/${topic.id}/${command}`;

/**
 * A command whose form also takes files: they are sent to their part once the command succeeded (the report or the
 * resolution they document is then on record). A file refused does not undo the command: the files' section says
 * why, where it can be sent again.
 */
function withFiles(picker, attachments, send) {
  if (!picker) {
    return send;
  }
  return async (values) => {
    const files = chosenFiles(picker);
    const answer = await send(values);
    await attachments.upload(picker.querySelector('input[type=file]').dataset.part, files, uploadStatus(picker, files));
    return answer;
  };
}

/** The form of one action of permissions.topicActions for a topic; context has the session and where to show results. */
export function actionFormFor(name, topic, context) {
  return ACTION_FORMS[name](topic, context);
}

/** The forms of the actions panel, by the action names of permissions.topicActions. */
const ACTION_FORMS = {
  publish: (topic) => actionForm('publish', t('actions.publish'), [h('p', {}, t('actions.publishHint'))], t('actions.publishButton'),
    () => api.post(topicPath(topic, 'publish'))),
  withdrawTopic: (topic) => actionForm('withdraw-topic', t('actions.withdrawTopic'),
    [field({ name: 'reason', label: t('actions.reason'), kind: 'textarea' })], t('actions.withdrawButton'),
    (values) => api.post(topicPath(topic, 'withdraw'), values)),
  claim: (topic, { session }) => {
    const picker = coClaimantPicker(topic, session);
    const form = actionForm('claim', t('actions.claim'), [
      picker,
      field({ name: 'plan', label: t('claim.plan'), kind: 'textarea', required: true }),
      field({ name: 'committedDate', label: t('claim.committedDate'), kind: 'date', required: true, value: dateInputValue(topic.dueDate) }),
    ], t('actions.claimButton'), (values) => api.post(topicPath(topic, 'claims'), values));
    // A reset unticks the boxes without a change event: let the picker count again once it is done.
    form.addEventListener('reset', () => setTimeout(() => picker.dispatchEvent(new Event('change'))));
    return form;
  },
  assign: (topic) => actionForm('assign', t('actions.assign'), [
    field({ name: 'orgId', label: t('actions.assignTo'), kind: 'select', required: true,
      options: [{ value: '', label: t('form.choose') }, ...orgs(claimantKind(topic)).map((org) => ({ value: org.id, label: localName(org) }))] }),
    field({ name: 'committedDate', label: t('claim.committedDate'), kind: 'date', value: dateInputValue(topic.dueDate) }),
  ], t('actions.assignButton'), (values) => api.post(topicPath(topic, 'assign'), values)),
  progress: (topic, { attachments }) => {
    const files = attachments ? fileField({ part: 'progress', label: t('attachments.progressFiles') }) : null;
    return actionForm('progress', t('actions.progress'), [
      field({ name: 'percent', label: t('progress.percent'), kind: 'number', required: true, value: topic.progressPercent,
        attributes: { min: 0, max: 100, step: 1, inputmode: 'numeric' } }),
      field({ name: 'note', label: t('progress.note'), kind: 'textarea', required: true }),
      field({ name: 'milestone', label: t('progress.milestone') }),
      files,
    ], t('actions.progressButton'), withFiles(files, attachments, (values) => api.post(topicPath(topic, 'progress'), values)));
  },
  resolution: (topic, { attachments }) => {
    const files = attachments ? fileField({ part: 'resolution', label: t('attachments.resolutionFiles') }) : null;
    return actionForm('resolution', t('actions.resolution'), [
      field({ name: 'summary', label: t('resolution.summary'), kind: 'textarea', required: true }),
      field({ name: 'evidence', label: t('resolution.evidence'), kind: 'textarea' }),
      files,
    ], t('actions.resolutionButton'), withFiles(files, attachments, (values) => api.post(topicPath(topic, 'resolution'), values)));
  },
  decide: (topic) => h('div', { class: 'action-group' },
    actionForm('accept', t('actions.accept'), [h('p', {}, t('actions.acceptHint'))], t('actions.acceptButton'),
      () => api.post(topicPath(topic, 'resolution/accept'))),
    actionForm('reject', t('actions.reject'), [field({ name: 'reason', label: t('actions.reason'), kind: 'textarea', required: true })],
      t('actions.rejectButton'), (values) => api.post(topicPath(topic, 'resolution/reject'), values))),
  evaluationLinks: (topic, { output }) => actionForm('evaluation-links', t('actions.evaluationLinks'), [
    field({ name: 'count', label: t('evaluation.count'), kind: 'number', required: true, value: 3, attributes: { min: 1, step: 1 } }),
  ], t('actions.evaluationLinksButton'), async (values) => {
    const issued = await api.post(topicPath(topic, 'evaluation-links'), values);
    replaceChildren(output, section(t('evaluation.issuedTitle'), 'issued-links',
      h('p', {}, t(issued.tokensShown === false ? 'evaluation.tokensShownOnce' : 'evaluation.issuedHint',
        { expiresAt: formatDateTime(issued.expiresAt) })),
      h('ol', { class: 'links' }, issued.links.map((link) => h('li', {}, h('a', { href: link.url, class: 'evaluation-link' }, link.url))))));
  }),
  closeEvaluation: (topic) => actionForm('close-evaluation', t('actions.closeEvaluation'), [h('p', {}, t('actions.closeEvaluationHint')),
    field({ name: 'reason', label: t('actions.closeEvaluationReason'), kind: 'textarea' })],
  t('actions.closeEvaluationButton'), (values) => api.post(topicPath(topic, 'evaluation/close'), values)),
  appeal: (topic) => actionForm('appeal', t('actions.appeal'), [
    h('p', {}, label('appealHint', topic.appeal.subject)),
    h('p', { class: 'hint', id: 'appeal-until' }, t('appeal.until', { until: formatDateTime(topic.appeal.appealableUntil) })),
    field({ name: 'reason', label: t('appeal.reason'), kind: 'textarea', required: true, id: 'appeal-reason' }),
    field({ name: 'evidence', label: t('appeal.evidence'), kind: 'textarea', id: 'appeal-evidence', hint: t('appeal.evidenceHint') }),
  ], t('actions.appealButton'), (values) => api.post(topicPath(topic, 'appeals'), values), { id: 'appeal-submit' }),
  decideAppeal: (topic) => actionForm('decide-appeal', t('actions.decideAppeal'), [
    h('p', {}, t('actions.decideAppealHint', { org: orgName(topic.appeal.orgId), subject: label('appealSubject', topic.appeal.subject) })),
    field({ name: 'ruling', label: t('appeal.ruling'), kind: 'select', required: true, id: 'appeal-ruling',
      options: [{ value: '', label: t('form.choose') },
        ...['UPHELD', 'OVERTURNED'].map((ruling) => ({ value: ruling, label: label('appealRulingChoice', ruling) }))] }),
    field({ name: 'reason', label: t('appeal.rulingReason'), kind: 'textarea', required: true, id: 'appeal-decision-reason' }),
  ], t('actions.decideAppealButton'),
  (values) => api.post(topicPath(topic, `appeals/${encodeURIComponent(topic.appeal.appealId)}/decision`), values), { id: 'appeal-decide' }),
};
