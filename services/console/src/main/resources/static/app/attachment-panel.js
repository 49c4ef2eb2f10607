import {
  PARTS, chosenFiles, downloadAttachment, fileField, fileKind, formatSize, listAttachments, openImage, thumbnailSource,
  uploadFiles, uploadStatus,
} from './attachments.js';
import { orgName } from './directory.js';
import { h, replaceChildren } from './dom.js';
import { formatDateTime, label, t } from './i18n.js';
import { attachmentParts } from './permissions.js';
import { notify, section } from './widgets.js';

/**
 * The 附件 section of a topic's page: its files grouped by part (题面, 进度, 销号材料 by round), each with its size,
 * who uploaded it and when, a download button and, for a photo, its thumbnail; and an upload control for each part
 * the user may add to. Drawn once per page: update(topic) fetches the list again, keeping the pickers as they are.
 */
export function attachmentPanel(topicId, session) {
  const parts = h('div', { class: 'attachment-parts' });
  const loadProblem = h('p', { class: 'hint', role: 'status', hidden: true }, t('attachments.loadFailed'));
  const nothing = h('p', { class: 'empty', hidden: true }, t('attachments.none'));
  const element = section(t('attachments.title'), 'attachments', loadProblem, nothing, parts);
  element.hidden = true;
  const blocks = new Map();
  const items = new Map();
  const errors = new Map();
  let topic = null;
  let attachments = null;
  let requests = 0;

  async function reload() {
    requests += 1;
    const request = requests;
    try {
      const found = await listAttachments(topicId);
      if (request !== requests) {
        return;
      }
      attachments = Array.isArray(found) ? found : [];
      loadProblem.hidden = true;
    } catch (failed) {
      // The rest of the page stands without the files; the next change of the topic asks again.
      if (request !== requests) {
        return;
      }
      attachments = attachments || [];
      loadProblem.hidden = false;
    }
    draw();
  }

  /** A part is shown when it has files, when the user may add to it, or when it has something to tell. */
  function draw() {
    // Nothing until the first list came: no part shows "no files" a moment before its files.
    if (!topic || !attachments) {
      return;
    }
    const allowed = attachmentParts(topic, session);
    const wanted = PARTS.filter((part) => allowed.includes(part) || errors.has(part)
      || attachments.some((attachment) => attachment.part === part));
    for (const [part, block] of blocks) {
      if (!wanted.includes(part)) {
        block.element.remove();
        blocks.delete(part);
      }
    }
    wanted.forEach((part, index) => {
      const block = blocks.get(part) || partBlock(part);
      blocks.set(part, block);
      block.showFiles(attachments.filter((attachment) => attachment.part === part));
      block.allowUpload(allowed.includes(part));
      block.showErrors(errors.get(part) || []);
      // Only a new block is put in: one moved, even in place, would lose the focus of its picker.
      if (parts.children[index] !== block.element) {
        parts.insertBefore(block.element, parts.children[index] || null);
      }
    });
    nothing.hidden = wanted.length > 0 || !loadProblem.hidden;
    element.hidden = false;
  }

  function partBlock(part) {
    const headingId = `attachments-${part}-heading`;
    const list = h('ul', { class: 'attachments' });
    const none = h('p', { class: 'empty' }, t('attachments.none'));
    const error = h('div', { class: 'attachment-error', role: 'alert', 'data-part': part, hidden: true });
    const element = h('div', { class: 'attachment-part', 'data-part': part, 'aria-labelledby': headingId, role: 'group' },
      h('h3', { id: headingId }, label('attachmentPart', part)), list, none, error);
    let shownIds = null;
    let control = null;
    return {
      element,
      showFiles(files) {
        const ids = files.map((attachment) => attachment.id).join(' ');
        // Files never change once kept: a list of the same files is left alone, its thumbnails and focus with it.
        if (ids !== shownIds) {
          replaceChildren(list, files.map(itemOf));
          shownIds = ids;
        }
        none.hidden = files.length > 0;
        list.hidden = files.length === 0;
      },
      allowUpload(allowed) {
        if (allowed && !control) {
          control = uploadControl(part);
          error.before(control);
        } else if (!allowed && control && !control.matches('[aria-busy=true]')) {
          control.remove();
          control = null;
        }
      },
      showErrors(messages) {
        replaceChildren(error, messages.map((message) => h('p', {}, message)));
        error.hidden = messages.length === 0;
      },
    };
  }

  function itemOf(attachment) {
    if (!items.has(attachment.id)) {
      items.set(attachment.id, attachmentItem(attachment));
    }
    return items.get(attachment.id);
  }

  function uploadControl(part) {
    const picker = fileField({ part, label: t('attachments.addTo', { part: label('attachmentPart', part) }) });
    const button = h('button', { type: 'submit', class: 'button', 'data-action': 'upload' }, t('attachments.upload'));
    const form = h('form', { class: 'attachment-upload', 'data-part': part }, picker, button);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const files = chosenFiles(picker);
      if (files.length === 0) {
        showFailures(part, [t('attachments.noFileChosen')]);
        return;
      }
      button.disabled = true;
      form.setAttribute('aria-busy', 'true');
      try {
        await upload(part, files, uploadStatus(picker, files));
        form.reset();
      } finally {
        button.disabled = false;
        form.removeAttribute('aria-busy');
      }
    });
    return form;
  }

  /** Sends the files to the part, says how it went and shows the list again; it never throws. */
  async function upload(part, files, status = { onFile: () => {}, done: () => {} }) {
    if (files.length === 0) {
      return;
    }
    errors.delete(part);
    draw();
    const { uploaded, failed } = await uploadFiles(topicId, part, files, status.onFile);
    status.done();
    if (uploaded.length) {
      notify(t('attachments.uploaded', { count: uploaded.length }));
    }
    if (failed.length) {
      showFailures(part, failed);
    }
    await reload();
  }

  function showFailures(part, messages) {
    errors.set(part, messages);
    draw();
    const block = blocks.get(part);
    if (block && !element.hidden) {
      block.element.scrollIntoView({ block: 'nearest' });
    }
  }

  return {
    element,
    /** The topic as it is now: who may add where, and the files again. */
    update(latest) {
      topic = latest;
      draw();
      reload().catch(() => {});
    },
    upload,
    showFailures,
  };
}

function attachmentItem(attachment) {
  const round = attachment.part === 'topic' ? null : t('topic.round', { round: attachment.round });
  const download = h('button', { type: 'button', class: 'button', 'data-action': 'download',
    'aria-label': t('attachments.downloadName', { name: attachment.name }) }, t('attachments.download'));
  download.addEventListener('click', () => act(download, () => downloadAttachment(attachment)));
  return h('li', { class: 'attachment', 'data-attachment': attachment.id, 'data-part': attachment.part, 'data-round': attachment.round },
    attachment.thumbnail ? preview(attachment) : h('span', { class: 'attachment-kind', 'aria-hidden': 'true' }, fileKind(attachment.name)),
    h('div', { class: 'attachment-body' },
      h('p', { class: 'attachment-name' }, attachment.name),
      h('p', { class: 'meta' }, [
        h('span', { class: 'attachment-size' }, formatSize(attachment.size)),
        t('attachments.uploadedBy', { org: orgName(attachment.orgId) }),
        h('time', { datetime: attachment.uploadedAt }, formatDateTime(attachment.uploadedAt)),
        round,
      ].filter(Boolean).flatMap((piece, i) => (i ? [' · ', piece] : [piece])))),
    download);
}

/** A photo's thumbnail; a click shows the whole photo in a new tab. */
function preview(attachment) {
  const image = h('img', { class: 'attachment-thumbnail', alt: t('attachments.thumbnailOf', { name: attachment.name }) });
  const action = t('attachments.openImage', { name: attachment.name });
  const button = h('button', { type: 'button', class: 'attachment-preview', 'data-action': 'open-image', title: action,
    'aria-label': action }, image);
  button.addEventListener('click', () => act(button, () => openImage(attachment)));
  thumbnailSource(attachment)
    .then((source) => { image.src = source; })
    .catch(() => { button.replaceWith(h('span', { class: 'attachment-kind', 'aria-hidden': 'true' }, fileKind(attachment.name))); });
  return button;
}

/** Runs a button's fetch once at a time; a failure is told, not thrown. */
async function act(button, work) {
  button.disabled = true;
  try {
    await work();
  } catch (error) {
    notify(t('attachments.fetchFailed', { message: error.message }));
  } finally {
    button.disabled = false;
  }
}
