import type { IsoDate } from '../../src/domain/model';

/** The calendar day `offset` days from today, as the domain spells dates. */
export function daysFromToday(offset: number): IsoDate {
  const day = new Date();
  day.setDate(day.getDate() + offset);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${day.getFullYear()}-${pad(day.getMonth() + 1)}-${pad(day.getDate())}`;
}

export const today = daysFromToday(0);
export const tomorrow = daysFromToday(1);
export const later = daysFromToday(11);
