import type { BackfillProgress } from '../../reconcile/backfill.ts';

const WIDTH = 30;

/** One line of backfill progress for a terminal: a bar once the total is known, a count before. */
export function progressLine({ phase, done, total, summary }: BackfillProgress): string {
  if (phase === 'listing') return `listing entities in Fluent… ${done} found`;
  const filled = total === 0 ? WIDTH : Math.round((done / total) * WIDTH);
  const percent = total === 0 ? 100 : Math.floor((done / total) * 100);
  const requested = summary.dryRun ? `${summary.wouldRequest} would be requested` : `${summary.requested} requested`;
  return `[${'█'.repeat(filled)}${'░'.repeat(WIDTH - filled)}] ${String(percent).padStart(3)}% ${done}/${total} · ${requested} · ${summary.alreadyDocumented} documented · ${summary.alreadyRequested} already requested · ${summary.skipped} skipped`;
}

/** Redraws the progress line on a TTY at most every `everyMs`, and always for the last item. */
export function terminalProgress(stream: NodeJS.WriteStream, everyMs = 100): { update(progress: BackfillProgress): void; end(): void } {
  let drawnAt = 0;
  let last = '';
  const draw = (line: string) => {
    stream.write(`\r\x1b[2K${line}`);
    last = line;
    drawnAt = Date.now();
  };
  return {
    update(progress) {
      const final = progress.phase === 'requesting' && progress.done === progress.total;
      if (final || Date.now() - drawnAt >= everyMs) draw(progressLine(progress));
    },
    end() {
      if (last) stream.write('\n');
    },
  };
}
