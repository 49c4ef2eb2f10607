import { api, EXPORT_TYPES, saveFile } from './api.js';
import { orgName } from './directory.js';
import { h } from './dom.js';
import { formatDate, formatDateTime, formatNumber, label, t } from './i18n.js';
import { notify, table } from './widgets.js';

/**
 * A dispatch report as the console shows it: the batch's live one on the dashboard, or a reporting period's digest
 * as it was recorded when the period closed. Both have the same parts: dispatch's (progress by organisation, the
 * overdue and the escalated topics) and the leaderboard.
 */

/** CSV and Excel download buttons: path() is what to ask for, filename(format) what to save it as. */
export function downloadButtons(idPrefix, path, filename) {
  return h('div', { class: 'actions' }, Object.keys(EXPORT_TYPES).map((format) => h('button', {
    type: 'button', class: 'button', id: `${idPrefix}-${format}`,
    onclick: async () => {
      try {
        saveFile(await api.download(path(), EXPORT_TYPES[format]), filename(format));
      } catch (error) {
        notify(error.message);
      }
    },
  }, t(`export.${format}`))));
}

/** Dispatch's part of a report; `empty` is said instead when there is none. */
export function dispatchTables(dispatch, empty) {
  if (!dispatch) {
    return h('p', { class: 'not-recorded' }, empty);
  }
  const topicLines = (caption, lines, id) => table(caption, [
    [t('topic.title'), (line) => h('a', { href: `#/topics/${line.topicId}` }, line.title)],
    [t('topic.lead'), (line) => orgName(line.leadOrgId)],
    [t('topic.dueDate'), (line) => formatDate(line.dueDate)],
    [t('topic.progress'), (line) => (line.latestPercent === null ? '' : `${line.latestPercent}%`)],
    [t('dispatch.lastActivity'), (line) => formatDateTime(line.lastActivity)],
    [t('escalation.level'), (line) => (line.escalationLevel ? label('escalationLevel', line.escalationLevel) : '')],
  ], lines || [], { id });
  return [
    // The live report says when it was generated; a digest's part when it was counted.
    h('p', { class: 'hint' }, dispatch.countedAt
      ? t('dispatch.countedAt', { at: formatDateTime(dispatch.countedAt) })
      : t('dispatch.generatedAt', { at: formatDateTime(dispatch.generatedAt) })),
    table(t('dispatch.organisationsCaption'), [
      [t('dashboard.organisation'), (row) => orgName(row.orgId)],
      [t('dispatch.inProgress'), (row) => String(row.topicsInProgress)],
      [t('dispatch.awaitingVerdict'), (row) => String(row.topicsAwaitingVerdict)],
      [t('dispatch.done'), (row) => String(row.topicsDone)],
      [t('dispatch.averagePercent'), (row) => (row.averagePercent === null ? '' : `${row.averagePercent}%`)],
      [t('dispatch.reports'), (row) => String(row.reports)],
      [t('dispatch.overdue'), (row) => String(row.overdue)],
      [t('dispatch.escalated'), (row) => String(row.escalated)],
    ], dispatch.organisations || [], { id: 'dispatch-table' }),
    topicLines(t('dispatch.overdueCaption'), dispatch.overdue, 'overdue-table'),
    topicLines(t('dispatch.escalatedCaption'), dispatch.escalated, 'escalated-table'),
  ];
}

/** The leaderboard (搭台比拼), live or as a digest recorded it; without one, an empty table. */
export function leaderboardTable(leaderboard) {
  return table(t('dashboard.leaderboardCaption'), [
    [t('leaderboard.rank'), (entry) => String(entry.rank)],
    [t('dashboard.organisation'), (entry) => orgName(entry.orgId)],
    [t('leaderboard.score'), (entry) => formatNumber(entry.score)],
    [t('leaderboard.resolvedPoints'), (entry) => formatNumber(entry.resolvedPoints)],
    [t('leaderboard.onTimePoints'), (entry) => formatNumber(entry.onTimePoints)],
    [t('leaderboard.satisfactionPoints'), (entry) => formatNumber(entry.satisfactionPoints)],
    [t('leaderboard.topicsLed'), (entry) => String(entry.topicsLed)],
    [t('leaderboard.topicsCoClaimed'), (entry) => String(entry.topicsCoClaimed)],
    [t('leaderboard.unratedTopics'), (entry) => String(entry.unratedTopics || 0)],
    [t('leaderboard.overturnedAppeals'), (entry) => h('span', { class: 'overturned-appeals', 'data-org': entry.orgId },
      String(entry.overturnedAppeals || 0))],
  ], leaderboard ? leaderboard.entries : [], { id: 'leaderboard-table' });
}
