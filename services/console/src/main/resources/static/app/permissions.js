import { orgKind } from './directory.js';
import { hasRole } from './session.js';

/**
 * What the signed-in user may do with a topic, so only allowed actions are offered. The services decide
 * for real; this only spares users buttons that would be refused.
 */
const LIVE_CLAIM = ['SUBMITTED', 'AWARDED'];
const WORKING = ['AWARDED', 'IN_PROGRESS'];

export function claimantKind(topic) {
  return topic.direction === 'STREET_TO_DEPARTMENT' ? 'DEPARTMENT' : 'STREET';
}

export function canPostTopics(session) {
  return hasRole(session, 'STAFF') && Boolean(session.orgId);
}

export function topicActions(topic, session) {
  const org = hasRole(session, 'STAFF') ? session.orgId : null;
  const coordinator = hasRole(session, 'COORDINATOR');
  const poster = Boolean(org) && topic.posterOrgId === org;
  const lead = Boolean(org) && topic.leadOrgId === org;
  const team = lead || (Boolean(org) && (topic.coClaimantOrgIds || []).includes(org));
  const evaluationOpen = topic.status === 'RESOLVED' && Boolean(topic.evaluation && topic.evaluation.open);
  const actions = {
    publish: poster && topic.status === 'DRAFT',
    withdrawTopic: poster && topic.status === 'OPEN',
    claim: Boolean(org) && orgKind(org) === claimantKind(topic) && topic.status === 'OPEN' && !liveClaimOf(topic, org),
    // An unclaimed topic, or one reopened into a later round that nobody has won yet
    assign: coordinator && (topic.status === 'UNCLAIMED' || (topic.status === 'OPEN' && topic.round > 1)),
    progress: team && WORKING.includes(topic.status),
    resolution: lead && WORKING.includes(topic.status),
    decide: poster && topic.status === 'RESOLUTION_SUBMITTED',
    evaluationLinks: poster && evaluationOpen,
    closeEvaluation: (poster || coordinator) && evaluationOpen,
  };
  return Object.keys(actions).filter((name) => actions[name]);
}

function liveClaimOf(topic, org) {
  return (topic.claims || []).find((claim) => claim.round === topic.round && claim.leadOrgId === org
    && LIVE_CLAIM.includes(claim.status));
}

/** Actions on one claim: the poster awards a bid, the claimant withdraws it, a named co-claimant answers for its place. */
export function claimActions(topic, claim, session) {
  const org = hasRole(session, 'STAFF') ? session.orgId : null;
  const current = claim.round === topic.round;
  const answered = [...(claim.acceptedCoClaimantOrgIds || []), ...(claim.declinedCoClaimantOrgIds || [])];
  return {
    answerPlace: current && Boolean(org) && (claim.coClaimantOrgIds || []).includes(org) && !answered.includes(org)
      && (claim.status === 'SUBMITTED' || (claim.status === 'AWARDED' && WORKING.includes(topic.status))),
    award: current && org === topic.posterOrgId && topic.claimMode === 'POSTER_SELECTS' && topic.status === 'OPEN'
      && claim.status === 'SUBMITTED',
    withdraw: current && org === claim.leadOrgId && (claim.status === 'SUBMITTED'
      || (claim.status === 'AWARDED' && WORKING.includes(topic.status))),
  };
}
