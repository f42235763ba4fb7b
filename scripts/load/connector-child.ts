/**
 * A connector in its own process, for crash tests and the load harness (which kill it with SIGKILL).
 * It is `folio serve` (connector/main.ts: configuration from the environment, SIGTERM drains and
 * exits 0) with two test hooks; stdout carries only control lines:
 *   ready <url>                    started and listening
 *   hold <step> <phase> <event id> a held step was reached (see FOLIO_CHILD_HOLD)
 *   drained                        SIGTERM: in-flight work finished, exiting 0
 * Logs (pino JSON) go to stderr.
 *
 * FOLIO_CHILD_HOLD=<step>:<phase>[:<ms>] holds the first job that reaches that step (phase 'before'
 * it starts, or 'during' it, once its work is in flight) — forever, for the parent to kill the
 * process at that exact point, or for <ms> milliseconds (graceful-shutdown tests).
 */
import { exitOnConfigError, serve } from '../../connector/main.ts';
import type { StepListener } from '../../connector/observe/instrument-pipeline.ts';

const say = (line: string) => process.stdout.write(`${line}\n`);

function holdFrom(spec: string | undefined): StepListener | undefined {
  if (!spec) return undefined;
  const [step, phase, ms] = spec.split(':');
  let used = false;
  return async (atStep, atPhase, eventId) => {
    if (used || atStep !== step || atPhase !== phase) return;
    used = true;
    say(`hold ${atStep} ${atPhase} ${eventId}`);
    await new Promise((resolve) => (ms ? setTimeout(resolve, Number(ms)) : undefined));
  };
}

const onStep = holdFrom(process.env.FOLIO_CHILD_HOLD);
// FOLIO_CHILD_WORKERS=0: a receive-only node (acknowledges and queues, runs no jobs).
const workers = process.env.FOLIO_CHILD_WORKERS !== '0';
const connector = await serve({ logDestination: process.stderr, workers, ...(onStep && { onStep }), onDrained: () => say('drained') }).catch(exitOnConfigError);
say(`ready ${connector.url}`);
