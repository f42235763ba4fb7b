import type { CycleRunProgress } from '../../statements/run-cycle.ts';

const WIDTH = 30;

/** One line of cycle-run progress for a terminal: a bar over the sellers and the last one done. */
export function statementProgressLine({ done, total, result, skipped }: CycleRunProgress): string {
  const filled = total === 0 ? WIDTH : Math.round((done / total) * WIDTH);
  const percent = total === 0 ? 100 : Math.floor((done / total) * 100);
  const last = result ? `${result.sellerRef} ${result.cycleId} ${result.outcome}` : skipped ? `${skipped.sellerRef} skipped` : 'starting';
  return `[${'█'.repeat(filled)}${'░'.repeat(WIDTH - filled)}] ${String(percent).padStart(3)}% ${done}/${total} sellers · ${last}`;
}

/** Redraws the line on a TTY for every seller (a seller takes seconds: no need to throttle). */
export function statementProgress(stream: NodeJS.WriteStream): { update(progress: CycleRunProgress): void; end(): void } {
  let drawn = false;
  return {
    update(progress) {
      stream.write(`\r\x1b[2K${statementProgressLine(progress)}`);
      drawn = true;
    },
    end() {
      if (drawn) stream.write('\n');
    },
  };
}
