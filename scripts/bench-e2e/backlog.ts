/** Invoices created but not yet generated, sampled every `everyMs` while an open-loop load is sent. */
export function startBacklogSampler(outstanding: () => Promise<number>, everyMs = 1000): { stop(perSecond: number): Promise<BacklogFigures> } {
  const samples: number[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      samples.push(await outstanding());
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  })();
  return {
    async stop(perSecond) {
      running = false;
      await loop;
      return backlogFigures(samples, perSecond);
    },
  };
}

export interface BacklogFigures {
  first: number;
  last: number;
  max: number;
  grew: boolean;
}

const mean = (values: readonly number[]) => values.reduce((sum, v) => sum + v, 0) / Math.max(1, values.length);

/**
 * A steady loop holds a steady backlog (rate × latency). It grew when the last third of the samples holds,
 * on average, more than one second's worth of invoices more than the first third: latency rose by over 1 s.
 */
export function backlogFigures(samples: readonly number[], perSecond: number): BacklogFigures {
  const third = Math.max(1, Math.floor(samples.length / 3));
  return {
    first: samples[0] ?? 0,
    last: samples.at(-1) ?? 0,
    max: Math.max(0, ...samples),
    grew: mean(samples.slice(-third)) > mean(samples.slice(0, third)) + perSecond,
  };
}
