import { describe, expect, it } from '@jest/globals';
import { EventBatchInputSchema } from '@ai-chef/contracts';
import { ClickStream, FLUSH_AFTER_MS, FLUSH_AT, trackingAllowed, type ClickStreamDeps } from './click-events.js';

/** A stream whose network, beacon, storage and timer are recorded in memory. */
function streamWith(privacy: ClickStreamDeps['privacy'] = {}, options: { beaconAccepts?: boolean; reply?: unknown } = {}) {
  const posted: string[] = [];
  const beaconed: string[] = [];
  const stored = new Map<string, string>();
  const timers: { run: () => void; ms: number }[] = [];
  const stream = new ClickStream({
    privacy,
    pageUrl: () => '/#/result',
    referrer: 'https://example.com/',
    post: (body) => {
      posted.push(body);
      return Promise.resolve({
        ok: true,
        json: () => Promise.resolve(options.reply ?? { session_ids: ['vs_aaaaaaaaaaaaaaaaaaaaaa'] }),
      });
    },
    beacon: (body) => {
      beaconed.push(body);
      return options.beaconAccepts ?? true;
    },
    storage: { getItem: (key) => stored.get(key) ?? null, setItem: (key, value) => void stored.set(key, value) },
    setTimer: (run, ms) => timers.push({ run, ms }),
    clearTimer: () => undefined,
  });
  return { stream, posted, beaconed, stored, timers };
}

const events = (body: string | undefined): { event_type: string; session_id?: string; properties: object }[] =>
  (JSON.parse(body ?? '{}') as { events: { event_type: string; session_id?: string; properties: object }[] }).events;

describe('the click-stream', () => {
  it('when Do Not Track or Global Privacy Control is on, then nothing is queued, sent or stored', async () => {
    for (const privacy of [{ doNotTrack: '1' }, { globalPrivacyControl: true }]) {
      expect(trackingAllowed(privacy)).toBe(false);
      const { stream, posted, beaconed, stored, timers } = streamWith(privacy);
      stream.track('page_view');
      stream.track('run_requested', { target: 'keto' });
      await stream.flush();
      stream.flushOnLeave();
      expect({ posted, beaconed, stored: stored.size, timers: timers.length }).toEqual({
        posted: [],
        beaconed: [],
        stored: 0,
        timers: 0,
      });
    }
    expect(trackingAllowed({ doNotTrack: '0', globalPrivacyControl: false })).toBe(true);
    expect(trackingAllowed({ doNotTrack: null })).toBe(true);
  });

  it('when events are tracked, then they go in one batch the API schema accepts, after a short wait', async () => {
    const { stream, posted, timers } = streamWith();
    stream.track('page_view');
    stream.track('result_viewed', { source: 'offline', withinBudget: true });
    expect(posted).toEqual([]);
    expect(timers.map((timer) => timer.ms)).toEqual([FLUSH_AFTER_MS]);
    timers[0]?.run();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(posted).toHaveLength(1);
    expect(EventBatchInputSchema.safeParse(JSON.parse(posted[0] ?? '')).success).toBe(true);
    expect(events(posted[0])).toEqual([
      { event_type: 'page_view', page_url: '/#/result', referrer: 'https://example.com/', properties: {} },
      {
        event_type: 'result_viewed',
        page_url: '/#/result',
        referrer: 'https://example.com/',
        properties: { source: 'offline', withinBudget: true },
      },
    ]);
  });

  it('when the server names a visitor session, then later events join it', async () => {
    const { stream, posted, stored } = streamWith();
    stream.track('page_view');
    await stream.flush();
    expect([...stored.values()]).toEqual(['vs_aaaaaaaaaaaaaaaaaaaaaa']);
    stream.track('run_requested');
    await stream.flush();
    expect(events(posted[1])[0]?.session_id).toBe('vs_aaaaaaaaaaaaaaaaaaaaaa');
  });

  it(`when ${FLUSH_AT} events are queued, then they are sent at once`, () => {
    const { stream, posted } = streamWith();
    for (let i = 0; i < FLUSH_AT; i += 1) stream.track('alternative_chosen', { dish: `dish ${i}` });
    expect(events(posted[0])).toHaveLength(FLUSH_AT);
  });

  it('when the page is left, then the queue goes by beacon, or by fetch when the beacon is refused', () => {
    const accepted = streamWith();
    accepted.stream.track('shop_link_opened', { host: 'smartstore.naver.com' });
    accepted.stream.flushOnLeave();
    accepted.stream.flushOnLeave(); // nothing left: nothing sent twice
    expect(accepted.beaconed).toHaveLength(1);
    expect(accepted.posted).toEqual([]);
    expect(events(accepted.beaconed[0])[0]?.event_type).toBe('shop_link_opened');

    const refused = streamWith({}, { beaconAccepts: false });
    refused.stream.track('page_view');
    refused.stream.flushOnLeave();
    expect(refused.posted).toHaveLength(1);
  });

  it('when a property is longer than the API takes, then it is cut to 2,048 characters', async () => {
    const { stream, posted } = streamWith();
    stream.track('alternative_chosen', { dish: 'x'.repeat(5000) });
    await stream.flush();
    expect(EventBatchInputSchema.safeParse(JSON.parse(posted[0] ?? '')).success).toBe(true);
  });

  it('when sending fails, then the page carries on', async () => {
    const { stream } = streamWith({}, { reply: 'not json we expected' });
    stream.track('page_view');
    await expect(stream.flush()).resolves.toBeUndefined();
  });
});
