/** Every text of the console comes from a message bundle: zh-CN by default, English on request. */
export const LANGUAGES = ['zh-CN', 'en'];
const STORAGE_KEY = 'jiebang.lang';

let language = LANGUAGES.includes(localStorage.getItem(STORAGE_KEY)) ? localStorage.getItem(STORAGE_KEY) : 'zh-CN';
let messages = {};

export async function loadLanguage(wanted = language) {
  const response = await fetch(`/i18n/${wanted}.json`);
  messages = await response.json();
  language = wanted;
  localStorage.setItem(STORAGE_KEY, wanted);
  document.documentElement.lang = wanted;
  document.title = t('app.title');
}

export function currentLanguage() {
  return language;
}

export function otherLanguage() {
  return language === 'en' ? 'zh-CN' : 'en';
}

/** The message for a key, with {name} placeholders filled in; the key itself when a bundle lacks it. */
export function t(key, params = {}) {
  const text = messages[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (whole, name) => (params[name] ?? whole));
}

/** The message of an enum value, e.g. status.OPEN; the raw value when the bundle has none. */
export function label(group, value) {
  if (value === null || value === undefined) {
    return '';
  }
  const key = `${group}.${value}`;
  return key in messages ? messages[key] : String(value);
}

/** Directory entries carry name (Chinese) and nameEn. */
export function localName(entry, base = 'name') {
  if (!entry) {
    return '';
  }
  return language === 'en' ? (entry[`${base}En`] || entry[base]) : entry[base];
}

export function formatDateTime(iso) {
  return iso ? new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso)) : '';
}

export function formatDate(iso) {
  return iso ? new Intl.DateTimeFormat(language, { dateStyle: 'medium' }).format(new Date(iso)) : '';
}

/** A length of time in whole hours, e.g. "2 天 5 小时" or "2 d 5 h". */
export function formatHours(hours) {
  if (hours === null || hours === undefined) {
    return '';
  }
  const days = Math.floor(hours / 24);
  return days ? t('duration.daysHours', { days, hours: hours % 24 }) : t('duration.hours', { hours });
}

export function formatPercent(ratio) {
  return ratio === null || ratio === undefined
    ? t('rate.none')
    : new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 1 }).format(ratio);
}

export function formatNumber(value, fractionDigits = 1) {
  return value === null || value === undefined
    ? ''
    : new Intl.NumberFormat(language, { maximumFractionDigits: fractionDigits }).format(value);
}
