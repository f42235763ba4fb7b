import type { NextFunction, Request, RequestHandler, Response } from 'express';

/**
 * A fault switch for chaos tests: makes the emulator's GraphQL API or Event API answer 500, or not
 * answer at all (a timeout on the caller's side), for a while. Off by default; only tests and the
 * load harness turn it on, in-process (there is no HTTP control endpoint, so a connector cannot).
 */
export type FaultTarget = 'graphql' | 'events';
/** '500': HTTP 500 at once. 'timeout': no answer; the socket is dropped when the fault ends. 'mixed': either, at random. */
export type FaultKind = '500' | 'timeout' | 'mixed';

export interface Faults {
  /** Turns a fault on for `target`, until clear(), or until forMs have passed, or for the next `count` requests. */
  set(target: FaultTarget, kind: FaultKind, options?: { forMs?: number; count?: number }): void;
  clear(target?: FaultTarget): void;
  /** Requests refused so far, per target. */
  refused(): Record<FaultTarget, number>;
  middleware(target: FaultTarget): RequestHandler;
}

export function createFaults(): Faults {
  const active = new Map<FaultTarget, { kind: FaultKind; until: number; left: number }>();
  const counts: Record<FaultTarget, number> = { graphql: 0, events: 0 };
  const held = new Set<Response>();

  const current = (target: FaultTarget) => {
    const fault = active.get(target);
    if (fault && (Date.now() >= fault.until || fault.left <= 0)) active.delete(target);
    return active.get(target);
  };

  /** Drops held requests whose fault is over: the caller sees a reset connection. */
  const release = () => {
    for (const response of held) {
      const target = (response.locals as { faultTarget?: FaultTarget }).faultTarget;
      if (!target || !current(target)) {
        held.delete(response);
        response.socket?.destroy();
      }
    }
  };
  const sweeper = setInterval(release, 200);
  sweeper.unref();

  return {
    set(target, kind, options = {}) {
      active.set(target, { kind, until: options.forMs === undefined ? Infinity : Date.now() + options.forMs, left: options.count ?? Infinity });
    },
    clear(target) {
      if (target) active.delete(target);
      else active.clear();
      release();
    },
    refused: () => ({ ...counts }),
    middleware(target) {
      return (_request: Request, response: Response, next: NextFunction) => {
        const fault = current(target);
        if (!fault) return next();
        counts[target] += 1;
        fault.left -= 1;
        const kind = fault.kind === 'mixed' ? (Math.random() < 0.5 ? '500' : 'timeout') : fault.kind;
        if (kind === '500') return void response.status(500).json({ message: 'Internal Server Error (injected fault)' });
        (response.locals as { faultTarget?: FaultTarget }).faultTarget = target;
        held.add(response);
      };
    },
  };
}
