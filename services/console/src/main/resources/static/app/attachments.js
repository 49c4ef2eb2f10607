import { api, Problem, saveFile } from './api.js';
import { h, uniqueId } from './dom.js';
import { formatNumber, t } from './i18n.js';

/**
 * A topic's files (附件): photos and documents of the topic itself, of the team's progress, and the evidence of
 * its resolution. The console keeps them and decides what it takes; these are the calls and the file picker the
 * pages share.
 */
export const PARTS = ['topic', 'progress', 'resolution'];

/** What the console takes, by content; the picker offers only these (a name must not claim another type). */
export const ACCEPTED_TYPES = 'image/jpeg,image/png,image/gif,image/webp,application/pdf,.doc,.docx,.xls,.xlsx';

/** The console refuses a larger file; said here before sending it spares the wait for a refusal. */
const MAX_BYTES = 10 * 1024 * 1024;
const KIB = 1024;

const topicFiles = (topicId) => `/api/topics/${encodeURIComponent(topicId)}/attachments`;
const fileOf = (attachment) => `/api/attachments/${encodeURIComponent(attachment.id)}`;

/** The topic's files, oldest first. */
export function listAttachments(topicId) {
  return api.get(topicFiles(topicId));
}

/**
 * Sends the files one after another to the part; a refused one does not stop the others. onFile(file, index) is told
 * before each. Answers what was kept and, for each file refused, the message saying why (the server's, in the
 * user's language).
 */
export async function uploadFiles(topicId, part, files, onFile = () => {}) {
  const uploaded = [];
  const failed = [];
  for (const [index, file] of files.entries()) {
    onFile(file, index);
    if (file.size > MAX_BYTES) {
      failed.push(t('attachments.failed', { name: file.name, message: t('attachments.tooLarge', { size: formatSize(MAX_BYTES) }) }));
      continue;
    }
    try {
      uploaded.push(await api.upload(topicFiles(topicId), { file, part }));
    } catch (error) {
      const message = error instanceof Problem ? error.message : t('attachments.notSent');
      failed.push(t('attachments.failed', { name: file.name, message }));
    }
  }
  return { uploaded, failed };
}

/** Saves the file under its name: the link needs the token, so it is fetched and handed over from memory. */
export async function downloadAttachment(attachment) {
  saveFile(await api.download(fileOf(attachment), '*/*'), attachment.name);
}

/**
 * The thumbnail as a data: URL, which the console's Content-Security-Policy lets an <img> show (img-src allows
 * 'self' and data:, not blob:); it is at most 320 px a side, a few kilobytes.
 */
export async function thumbnailSource(attachment) {
  const blob = await api.download(`${fileOf(attachment)}/thumbnail`, 'image/jpeg, application/problem+json');
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.addEventListener('load', () => resolve(reader.result));
    reader.addEventListener('error', () => reject(reader.error));
    reader.readAsDataURL(blob);
  });
}

/** The whole image in a new tab, from memory (the token cannot travel in a plain link). */
export async function openImage(attachment) {
  const blob = await api.download(fileOf(attachment), '*/*');
  const url = URL.createObjectURL(blob);
  const link = h('a', { href: url, target: '_blank', rel: 'noopener' });
  document.body.append(link);
  link.click();
  link.remove();
  // The new tab has read it by then; the memory is given back.
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}

/** A size as people read it: KB under a megabyte, MB above. */
export function formatSize(bytes) {
  if (bytes < KIB * KIB) {
    return t('attachments.sizeKb', { size: formatNumber(Math.max(bytes / KIB, 0.1), 1) });
  }
  return t('attachments.sizeMb', { size: formatNumber(bytes / (KIB * KIB), 1) });
}

/** What kind of file it is, for a file that has no thumbnail: its extension, e.g. PDF or XLSX. */
export function fileKind(name) {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toUpperCase().slice(0, 5) : '';
}

/**
 * A labelled picker of several files for a part, inside a form. It names no field: readForm leaves it out and the
 * files are sent on their own once the form's command succeeded (chosenFiles). Its status line tells the upload.
 */
export function fileField({ part, label, id }) {
  const inputId = id || uniqueId(`files-${part}`);
  const hintId = `${inputId}-hint`;
  return h('div', { class: 'field attachment-field' },
    h('label', { for: inputId }, label),
    h('p', { class: 'hint', id: hintId }, t('attachments.hint')),
    h('input', { type: 'file', id: inputId, class: 'attachment-input', multiple: true, accept: ACCEPTED_TYPES,
      'data-part': part, 'aria-describedby': hintId }),
    h('p', { class: 'hint attachment-status', role: 'status' }));
}

/** The files chosen in a picker made by fileField. */
export function chosenFiles(picker) {
  return [...picker.querySelector('input[type=file]').files];
}

/** Tells in the picker's status line which file is on its way, e.g. "正在上传（1/2）：现场.png". */
export function uploadStatus(picker, files) {
  const status = picker.querySelector('.attachment-status');
  return {
    onFile: (file, index) => {
      status.textContent = t('attachments.uploading', { name: file.name, index: index + 1, count: files.length });
    },
    done: () => { status.textContent = ''; },
  };
}

/**
 * Messages to show on a topic's page once it is open: the new-topic form goes there after saving, whatever
 * failed to upload, so the user can send it again where the topic's files are.
 */
const carried = new Map();

export function carryToTopic(topicId, part, messages) {
  carried.set(topicId, { part, messages });
}

export function takeCarried(topicId) {
  const found = carried.get(topicId);
  carried.delete(topicId);
  return found;
}
