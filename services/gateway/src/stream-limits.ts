/** Open streams in this gateway process, counted per session, per client IP and in all (README, Limits). */
export interface StreamLimitsOptions {
  perSession: number;
  perIp: number;
  total: number;
}

export class StreamLimits {
  private readonly bySession = new Map<string, number>();
  private readonly byIp = new Map<string, number>();
  private open = 0;

  constructor(private readonly limits: StreamLimitsOptions) {}

  /** Takes a slot for a new stream, or answers which limit is full. The release gives it back once. */
  acquire(sessionId: string, ip: string): { release(): void } | { full: 'session' | 'ip' | 'total' } {
    if ((this.bySession.get(sessionId) ?? 0) >= this.limits.perSession) return { full: 'session' };
    if ((this.byIp.get(ip) ?? 0) >= this.limits.perIp) return { full: 'ip' };
    if (this.open >= this.limits.total) return { full: 'total' };
    this.bump(this.bySession, sessionId, 1);
    this.bump(this.byIp, ip, 1);
    this.open += 1;
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        this.bump(this.bySession, sessionId, -1);
        this.bump(this.byIp, ip, -1);
        this.open -= 1;
      },
    };
  }

  private bump(counts: Map<string, number>, key: string, by: number): void {
    const next = (counts.get(key) ?? 0) + by;
    if (next <= 0) counts.delete(key);
    else counts.set(key, next);
  }
}
