import { orgKind, orgRetired } from './directory.js';
import { hasRole, readsAllDistricts } from './session.js';

/**
 * What the signed-in user may do with a topic, so only allowed actions are offered. The services decide
 * for real; this only spares users buttons that would be refused.
 */
const LIVE_CLAIM = ['SUBMITTED', 'AWARDED'];
const WORKING = ['AWARDED', 'IN_PROGRESS'];

export function claimantKind(topic) {
  return topic.direction === 'STREET_TO_DEPARTMENT' ? 'DEPARTMENT' : 'STREET';
}

/**
 * The city level (市级) reads every district and writes nothing, like an analyst: no command is offered to it, whatever
 * other role its account might carry.
 */
export function readOnly(session) {
  return !session || readsAllDistricts(session);
}

/** The organisation the user acts for: a staff member's own, never the city level's. */
function actingOrg(session) {
  return !readOnly(session) && hasRole(session, 'STAFF') ? session.orgId : null;
}

/** A retired organisation posts no more topics, and claims no more (docs/administration.md). */
export function canPostTopics(session) {
  return Boolean(actingOrg(session)) && !orgRetired(session.orgId);
}

/** Whether the user coordinates a district (assigns, closes evaluations, rules on appeals). */
function coordinates(session) {
  return !readOnly(session) && hasRole(session, 'COORDINATOR');
}

/** The topic's appeal while it waits for a coordinator's ruling, if it is about this subject (any, without one). */
export function pendingAppeal(topic, subject) {
  const appeal = topic.appeal;
  return Boolean(appeal && appeal.status === 'PENDING' && (!subject || appeal.subject === subject));
}

/**
 * Whether the topic's appealable decision may still be appealed (申诉), as resolution-service decides it: nothing
 * lodged, before appealableUntil (by this device's clock), and the topic not moved on since: a rejection while the
 * lead still works on it in that round with no new resolution, a reopening while the new round is awarded to nobody.
 */
export function appealOpen(topic, now = new Date()) {
  const appeal = topic.appeal;
  if (!appeal || appeal.status !== 'APPEALABLE' || !appeal.appealableUntil || new Date(appeal.appealableUntil) <= now) {
    return false;
  }
  if (appeal.subject === 'REJECTED_RESOLUTION') {
    return topic.round === appeal.round && WORKING.includes(topic.status)
      && Boolean(topic.resolution && topic.resolution.round === appeal.round && topic.resolution.status === 'REJECTED');
  }
  return topic.round > appeal.round && !topic.award && ['OPEN', 'UNCLAIMED'].includes(topic.status);
}

export function topicActions(topic, session) {
  const org = actingOrg(session);
  const coordinator = coordinates(session);
  const poster = Boolean(org) && topic.posterOrgId === org;
  const lead = Boolean(org) && topic.leadOrgId === org;
  const team = lead || (Boolean(org) && (topic.coClaimantOrgIds || []).includes(org));
  const evaluationOpen = topic.status === 'RESOLVED' && Boolean(topic.evaluation && topic.evaluation.open);
  // While the lead's appeal of a reopening waits, the new round is awarded to nobody (a first-come claim awards itself).
  const reopeningAppealed = pendingAppeal(topic, 'EVALUATION_OUTCOME');
  const actions = {
    publish: poster && topic.status === 'DRAFT',
    withdrawTopic: poster && topic.status === 'OPEN',
    claim: Boolean(org) && !orgRetired(org) && orgKind(org) === claimantKind(topic) && topic.status === 'OPEN' && !liveClaimOf(topic, org)
      && !(reopeningAppealed && topic.claimMode === 'FIRST_COME'),
    // An unclaimed topic, or one reopened into a later round that nobody has won yet
    assign: coordinator && (topic.status === 'UNCLAIMED' || (topic.status === 'OPEN' && topic.round > 1)) && !reopeningAppealed,
    progress: team && WORKING.includes(topic.status),
    // Not while the lead's appeal of the rejection waits for the ruling
    resolution: lead && WORKING.includes(topic.status) && !pendingAppeal(topic, 'REJECTED_RESOLUTION'),
    decide: poster && topic.status === 'RESOLUTION_SUBMITTED',
    evaluationLinks: poster && evaluationOpen,
    closeEvaluation: (poster || coordinator) && evaluationOpen,
    appeal: Boolean(org) && Boolean(topic.appeal) && topic.appeal.orgId === org && appealOpen(topic),
    decideAppeal: coordinator && pendingAppeal(topic),
  };
  return Object.keys(actions).filter((name) => actions[name]);
}

/** Where the topic's files may still be added: its own until it is closed or withdrawn, the team's while it works. */
const TOPIC_FILES_CLOSED = ['CLOSED', 'CLOSED_UNRATED', 'WITHDRAWN'];
const TEAM_FILES_OPEN = ['AWARDED', 'IN_PROGRESS', 'RESOLUTION_SUBMITTED', 'REOPENED'];

/**
 * The parts of the topic the user may attach files to, as the console decides it: topic for the poster's staff,
 * progress for the team's (lead and accepted co-claimants), resolution for the lead's.
 */
export function attachmentParts(topic, session) {
  const org = actingOrg(session);
  if (!org) {
    return [];
  }
  const lead = topic.leadOrgId === org;
  const team = lead || (topic.coClaimantOrgIds || []).includes(org);
  const working = TEAM_FILES_OPEN.includes(topic.status);
  const parts = {
    topic: topic.posterOrgId === org && !TOPIC_FILES_CLOSED.includes(topic.status),
    progress: team && working,
    resolution: lead && working,
  };
  return Object.keys(parts).filter((part) => parts[part]);
}

function liveClaimOf(topic, org) {
  return (topic.claims || []).find((claim) => claim.round === topic.round && claim.leadOrgId === org
    && LIVE_CLAIM.includes(claim.status));
}

/** Actions on one claim: the poster awards a bid, the claimant withdraws it, a named co-claimant answers for its place. */
export function claimActions(topic, claim, session) {
  const org = actingOrg(session);
  const current = claim.round === topic.round;
  const answered = [...(claim.acceptedCoClaimantOrgIds || []), ...(claim.declinedCoClaimantOrgIds || [])];
  return {
    answerPlace: current && Boolean(org) && (claim.coClaimantOrgIds || []).includes(org) && !answered.includes(org)
      && (claim.status === 'SUBMITTED' || (claim.status === 'AWARDED' && WORKING.includes(topic.status))),
    award: current && org === topic.posterOrgId && topic.claimMode === 'POSTER_SELECTS' && topic.status === 'OPEN'
      && claim.status === 'SUBMITTED' && !pendingAppeal(topic, 'EVALUATION_OUTCOME'),
    withdraw: current && org === claim.leadOrgId && (claim.status === 'SUBMITTED'
      || (claim.status === 'AWARDED' && WORKING.includes(topic.status))),
  };
}
