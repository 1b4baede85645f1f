import type { DeleteMode } from '../../../shared/domain';

const countFormat = new Intl.NumberFormat('en-US');
const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function formatCount(n: number): string {
  return countFormat.format(n);
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit] ?? 'TB'}`;
}

export function formatDate(iso: string | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateFormat.format(date);
}

export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${s % 60} s`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}

export const deleteModeLabel: Record<DeleteMode, string> = {
  MoveToDeletedItems: 'Delete (to Deleted Items)',
  SoftDelete: 'Soft delete (to Recoverable Items)',
  HardDelete: 'Hard delete (permanently)',
};

// The verb phrase lives with the job titles that use it on both sides.
export { actionVerb } from '../../../shared/jobTitle';

/** Short item-class label for the Type column. */
export function itemTypeLabel(itemClass: string): string {
  const known: Record<string, string> = {
    'IPM.Note': 'Mail',
    'IPM.Appointment': 'Appointment',
    'IPM.Contact': 'Contact',
    'IPM.Task': 'Task',
    'IPM.StickyNote': 'Note',
    'IPM.Schedule.Meeting.Request': 'Meeting request',
  };
  return known[itemClass] ?? itemClass;
}
