/**
 * The flood's load generator, in a process of its own (as wrk would be): the harness process also
 * runs the Fluent emulator, and its garbage collections and timers would otherwise show up as
 * acknowledgement latency. Open loop: request i is sent at start + i/rate whether or not earlier
 * ones were answered, and its latency is counted from that due time, not from when it left, so a
 * stalled generator or server cannot hide its own delay (no coordinated omission).
 *
 * Input (argv[2]): a JSON file { port, rate, warmUp, requests: [{ body, headers }] } with pre-signed
 * bodies. The first `warmUp` requests are sent the same way but measured apart: a connector meets a peak
 * warm, having served webhooks all day, and the first half-second of a fresh process (JIT, first
 * statements) is reported on its own rather than mixed into the peak's tail.
 * Output: one JSON line on stdout, { warmUpMs: number[], latenciesMs: number[], statuses, seconds }
 * (statuses and seconds cover every request).
 */
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';

interface Plan {
  port: number;
  rate: number;
  warmUp: number;
  requests: { body: string; headers: Record<string, string> }[];
}

const plan = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as Plan;
const bodies = plan.requests.map((r) => ({ body: Buffer.from(r.body), headers: { ...r.headers, 'content-length': String(Buffer.byteLength(r.body)) } }));
const agent = new Agent({ keepAlive: true, maxSockets: 256 });
const latencies = new Float64Array(bodies.length);
const statuses: Record<string, number> = {};

function post(i: number, due: number): Promise<void> {
  const { body, headers } = bodies[i]!;
  return new Promise((resolve) => {
    const done = (status: number) => {
      latencies[i] = performance.now() - due;
      statuses[status] = (statuses[status] ?? 0) + 1;
      resolve();
    };
    const req = request({ host: '127.0.0.1', port: plan.port, path: '/fluent/webhook', method: 'POST', agent, headers }, (res) => {
      res.resume();
      res.once('end', () => done(res.statusCode ?? 0));
    });
    req.once('error', () => done(0));
    req.end(body);
  });
}

const started = performance.now();
const sends: Promise<void>[] = [];
for (let i = 0; i < bodies.length; i++) {
  const due = started + (i * 1000) / plan.rate;
  const wait = due - performance.now();
  if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
  sends.push(post(i, due));
}
await Promise.all(sends);
const seconds = (performance.now() - started) / 1000;
agent.destroy();
const all = Array.from(latencies);
process.stdout.write(`${JSON.stringify({ warmUpMs: all.slice(0, plan.warmUp), latenciesMs: all.slice(plan.warmUp), statuses, seconds })}\n`);
