// The operator page's hint for a pending lead: when it is next tried, or how overdue it is.
import { describe, expect, it } from 'vitest';
import { nextTry } from '../../operator/lead-view.ts';
import { relative } from '../../operator/dom.ts';

describe('next try of a pending lead', () => {
  const now = Date.parse('2026-12-03T10:00:00Z');
  it('says when, and how soon', () => {
    expect(nextTry({ status: 'pending', nextAttemptAt: now + 30_000 }, now)).toMatch(/^next try .* \(in 30 s\)$/);
  });
  it('says how long it is overdue and what will pick it up', () => {
    expect(nextTry({ status: 'pending', nextAttemptAt: now - 640_000 }, now)).toMatch(/^due since .* \(11 min ago\): overdue: its queue message will be re-sent by the cron sweep/);
  });
  it('says a lead just due is waiting for the queue, not overdue', () => {
    expect(nextTry({ status: 'pending', nextAttemptAt: now - 5_000 }, now)).toBe('due now: waiting for the queue');
  });
  it('says nothing for a lead that is not waiting', () => {
    expect(nextTry({ status: 'delivered', nextAttemptAt: now - 1000 }, now)).toBe('');
  });
  it('reads seconds, minutes and hours', () => {
    expect(relative(now + 89_000, now)).toBe('in 89 s');
    expect(relative(now - 3_000_000, now)).toBe('50 min ago');
    expect(relative(now + 7_200_000, now)).toBe('in 2 h');
  });
});
