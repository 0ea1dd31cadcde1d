/**
 * The page's click-stream: a few events (page views, runs requested, results viewed, alternatives
 * chosen, shop links opened) sent in batches to the gateway's `POST /events` (docs/api.md; docs/contract.md,
 * Fridge and events). A person who asks not to be tracked (Do Not Track or Global Privacy Control) sends
 * nothing, and nothing is stored for them.
 */

export type ClickEventType =
  | 'page_view'
  | 'run_requested'
  | 'result_viewed'
  | 'alternative_chosen'
  | 'shop_link_opened';

/** One event as `POST /events` takes it (the server stamps the time and the visitor). */
export interface ClickEvent {
  event_type: ClickEventType;
  page_url: string;
  referrer: string;
  session_id?: string;
  properties: Record<string, string | number | boolean>;
}

/** The navigator's privacy signals. */
export interface PrivacySignals {
  doNotTrack?: string | null;
  globalPrivacyControl?: boolean;
}

export function trackingAllowed(signals: PrivacySignals): boolean {
  return signals.doNotTrack !== '1' && signals.globalPrivacyControl !== true;
}

export interface ClickStreamDeps {
  privacy: PrivacySignals;
  /** The page's address and where it was reached from, read when an event is made. */
  pageUrl(): string;
  referrer: string;
  post(body: string): Promise<{ ok: boolean; json(): Promise<unknown> }>;
  /** navigator.sendBeacon: false when the browser would not queue it. */
  beacon(body: string): boolean;
  /** Keeps the visitor session the server named, so later batches (and reloads) join it. */
  storage: Pick<Storage, 'getItem' | 'setItem'>;
  setTimer(run: () => void, ms: number): unknown;
  clearTimer(timer: unknown): void;
}

/** A batch goes out this long after its first event, or at once when it is this big. */
export const FLUSH_AFTER_MS = 2_000;
export const FLUSH_AT = 20;
/** docs/contract.md, Fridge and events: strings of at most 2,048 characters, 1 to 100 events a batch. */
const STRING_MAX = 2048;
const BATCH_MAX = 100;
const VISITOR_KEY = 'aiChefVisitorSession';

export class ClickStream {
  readonly enabled: boolean;
  private queue: ClickEvent[] = [];
  private timer: unknown;

  constructor(private readonly deps: ClickStreamDeps) {
    this.enabled = trackingAllowed(deps.privacy);
  }

  track(type: ClickEventType, properties: ClickEvent['properties'] = {}): void {
    if (!this.enabled) return;
    const sessionId = this.visitorSession();
    this.queue.push({
      event_type: type,
      page_url: this.deps.pageUrl().slice(0, STRING_MAX),
      referrer: this.deps.referrer.slice(0, STRING_MAX),
      ...(sessionId ? { session_id: sessionId } : {}),
      properties: Object.fromEntries(
        Object.entries(properties).map(([key, value]) => [
          key,
          typeof value === 'string' ? value.slice(0, STRING_MAX) : value,
        ]),
      ),
    });
    if (this.queue.length > BATCH_MAX) this.queue.shift();
    if (this.queue.length >= FLUSH_AT) void this.flush();
    else if (this.timer === undefined) this.timer = this.deps.setTimer(() => void this.flush(), FLUSH_AFTER_MS);
  }

  /** Sends what is queued with fetch, and remembers the visitor session the server answers with. */
  async flush(): Promise<void> {
    const body = this.take();
    if (body === undefined) return;
    try {
      const response = await this.deps.post(body);
      if (!response.ok) return;
      const reply = (await response.json()) as { session_ids?: unknown };
      const last = Array.isArray(reply.session_ids) ? reply.session_ids.at(-1) : undefined;
      if (typeof last === 'string') this.remember(last);
    } catch {
      // Analytics never gets in the person's way: a batch that could not be sent is dropped.
    }
  }

  /** The page is being hidden or left: what is queued goes by sendBeacon, which outlives the page. */
  flushOnLeave(): void {
    const body = this.take();
    if (body === undefined) return;
    if (!this.deps.beacon(body)) void this.deps.post(body).catch(() => undefined);
  }

  private take(): string | undefined {
    if (this.timer !== undefined) this.deps.clearTimer(this.timer);
    this.timer = undefined;
    if (this.queue.length === 0) return undefined;
    const events = this.queue;
    this.queue = [];
    return JSON.stringify({ events });
  }

  private visitorSession(): string | undefined {
    try {
      return this.deps.storage.getItem(VISITOR_KEY) ?? undefined;
    } catch {
      return undefined;
    }
  }

  private remember(sessionId: string): void {
    try {
      this.deps.storage.setItem(VISITOR_KEY, sessionId);
    } catch {
      // No storage: each batch may start a visitor session of its own.
    }
  }
}

/** The stream of this page, over fetch, sendBeacon, localStorage and the navigator's privacy signals. */
export function browserClickStream(): ClickStream {
  const nav = navigator as Navigator & { globalPrivacyControl?: boolean };
  return new ClickStream({
    privacy: { doNotTrack: nav.doNotTrack, globalPrivacyControl: nav.globalPrivacyControl },
    pageUrl: () => `${location.pathname}${location.hash}`,
    referrer: document.referrer,
    post: (body) =>
      fetch('/events', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body,
        keepalive: true,
        credentials: 'same-origin',
      }),
    beacon: (body) => nav.sendBeacon('/events', new Blob([body], { type: 'application/json' })),
    storage: localStorage,
    setTimer: (run, ms) => setTimeout(run, ms),
    clearTimer: (timer) => clearTimeout(timer as ReturnType<typeof setTimeout>),
  });
}

/**
 * Clicks anywhere on the page, by delegation, so views need only mark their elements:
 * `data-track="alternative-chosen"` with `data-dish` for a chosen alternative, and any http(s) link inside
 * the basket (`[data-testid="basket"]`) for an opened shop link. Leaving or hiding the page sends what is queued.
 */
export function installClickTracking(stream: ClickStream, doc: Document = document): void {
  if (!stream.enabled) return;
  doc.addEventListener(
    'click',
    (event) => {
      const target = event.target instanceof Element ? event.target : null;
      if (!target) return;
      const chosen = target.closest<HTMLElement>('[data-track="alternative-chosen"]');
      if (chosen) stream.track('alternative_chosen', { dish: chosen.dataset.dish ?? '' });
      const link = target.closest<HTMLAnchorElement>('a[href^="http"]');
      if (link?.closest('[data-testid="basket"]')) {
        const vendor = link.closest<HTMLElement>('[data-vendor]')?.dataset.vendor;
        stream.track('shop_link_opened', {
          host: new URL(link.href).host,
          ...(vendor === undefined ? {} : { vendor }),
        });
        // The shop opens in a new tab, and this page may be closed next.
        stream.flushOnLeave();
      }
    },
    { capture: true },
  );
  doc.defaultView?.addEventListener('pagehide', () => stream.flushOnLeave());
  doc.addEventListener('visibilitychange', () => {
    if (doc.visibilityState === 'hidden') stream.flushOnLeave();
  });
}
