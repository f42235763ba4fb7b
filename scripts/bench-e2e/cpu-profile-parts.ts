import { z } from 'zod';

/**
 * Where a connector's main thread spent a run, from its V8 CPU profile (`--cpu-prof`): each sample goes to
 * the part of the loop it was working for, in milliseconds per document. A sample belongs to the nearest
 * frame, walking from the running function towards the root, that is in a connector folder or in a
 * package the table below knows (zod called from fetch-query.ts is fetch's; a pg socket read is the
 * database's). Calls into Node's C++ bindings (write, writev, open, fsync, hashing …) are a part of their
 * own: V8 samples by wall clock, and on a busy machine a system call that wakes another process
 * (PostgreSQL, Chromium) often loses the core inside the call, so that part mixes CPU with waiting.
 */

export const CPU_PARTS = [
  'receive',
  'queue',
  'fetch',
  'build',
  'number',
  'template',
  'print',
  'split',
  'store',
  'report',
  'deliver',
  'audit',
  'database',
  'fluentHttp',
  'httpServer',
  'logging',
  'metrics',
  'otherConnector',
  'runtime',
  'garbageCollector',
  'nativeBindings',
] as const;
export type CpuPart = (typeof CPU_PARTS)[number];

/** The subset of Chrome's .cpuprofile format this reads (what Node's --cpu-prof writes). */
export const cpuProfileSchema = z.object({
  nodes: z.array(
    z.object({
      id: z.number().int(),
      callFrame: z.object({ functionName: z.string(), url: z.string(), lineNumber: z.number().int() }),
      children: z.array(z.number().int()).optional(),
    }),
  ),
  /** Microseconds on the same monotonic clock as process.hrtime (CLOCK_MONOTONIC on Linux). */
  startTime: z.number(),
  endTime: z.number(),
  samples: z.array(z.number().int()),
  timeDeltas: z.array(z.number()),
});
export type CpuProfile = z.output<typeof cpuProfileSchema>;

/** Connector folders (and files) by the part they serve; the longest match wins. */
const CONNECTOR_PARTS: ReadonlyArray<readonly [string, CpuPart]> = [
  ['receive/', 'receive'],
  ['webhooks/', 'receive'],
  ['queue/', 'queue'],
  ['fetch/', 'fetch'],
  ['compose/', 'build'],
  ['einvoice/', 'build'],
  ['numbering/', 'number'],
  ['app/document-records.ts', 'number'],
  ['render/html.ts', 'template'],
  ['render/template-', 'template'],
  ['render/theme.ts', 'template'],
  ['render/money.ts', 'template'],
  ['render/dates.ts', 'template'],
  ['render/locales.ts', 'template'],
  ['render/tax-rate.ts', 'template'],
  ['render/css-string.ts', 'template'],
  ['portal/order-link.ts', 'template'],
  ['render/pdf-', 'split'],
  ['render/', 'print'],
  ['store/', 'store'],
  ['report/', 'report'],
  ['links/', 'report'],
  ['deliver/', 'deliver'],
  ['audit/', 'audit'],
  ['db/', 'database'],
  ['log.ts', 'logging'],
  ['observe/', 'metrics'],
  ['http/', 'httpServer'],
];

/** Packages whose work is one part's, wherever the call came from. */
const PACKAGE_PARTS: Readonly<Record<string, CpuPart>> = {
  'playwright-core': 'print',
  'pg': 'database',
  'pg-pool': 'database',
  'pg-protocol': 'database',
  'pg-types': 'database',
  '@electric-sql/pglite': 'database',
  'pg-boss': 'queue',
  'undici': 'fluentHttp',
  'nunjucks': 'template',
  'qrcode': 'template',
  'dijkstrajs': 'template',
  'pino': 'logging',
  'sonic-boom': 'logging',
  'pino-std-serializers': 'logging',
  'prom-client': 'metrics',
  'express': 'httpServer',
  'router': 'httpServer',
  'body-parser': 'httpServer',
  'raw-body': 'httpServer',
  'finalhandler': 'httpServer',
  'send': 'httpServer',
};

/** Frames with no script: V8's pseudo-frames and its microtask loop (anything else is a C++ binding). */
const SCRIPTLESS_FRAMES: Readonly<Record<string, CpuPart | null>> = {
  '(idle)': null,
  '(root)': 'runtime',
  '(program)': 'runtime',
  '(garbage collector)': 'garbageCollector',
  'runMicrotasks': 'runtime',
};

type Frame = CpuProfile['nodes'][number]['callFrame'];

/** The part one frame decides, or undefined when it decides nothing (Node's internals, unknown packages). */
export function partOfFrame(frame: Frame): CpuPart | undefined {
  const url = frame.url;
  const inPackage = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
  if (inPackage) return PACKAGE_PARTS[inPackage[1]!];
  const inConnector = /\/connector\/(.+)$/.exec(url);
  if (!inConnector) return undefined;
  const path = inConnector[1]!;
  let best: readonly [string, CpuPart] | undefined;
  for (const entry of CONNECTOR_PARTS) if (path.startsWith(entry[0]) && (!best || entry[0].length > best[0].length)) best = entry;
  return best?.[1] ?? 'otherConnector';
}

export interface CpuParts {
  /** Sampled main-thread milliseconds per document, idle left out: the parts add up to this. */
  sampledMsPerDoc: number;
  parts: Record<CpuPart, number>;
}

/**
 * Milliseconds per document of each part, from the samples taken between `fromUs` and `toUs` (the
 * profile's clock); each sample weighs the time to the next one, as DevTools counts it.
 */
export function cpuParts(profile: CpuProfile, window: { fromUs: number; toUs: number }, documents: number): CpuParts {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);

  const partOfNode = new Map<number, CpuPart | null>();
  const classify = (id: number): CpuPart | null => {
    const known = partOfNode.get(id);
    if (known !== undefined) return known;
    const frame = byId.get(id)?.callFrame;
    if (!frame) throw new Error(`The profile's samples name node ${id}, which it does not have`);
    let part: CpuPart | null;
    // No script and no line: native. No script but a line: code made by `new Function` (zod's parsers).
    if (frame.url === '' && frame.functionName in SCRIPTLESS_FRAMES) part = SCRIPTLESS_FRAMES[frame.functionName]!;
    else if (frame.url === '' && frame.lineNumber < 0) part = 'nativeBindings';
    else {
      part = partOfFrame(frame) ?? null;
      for (let up = parentOf.get(id); part === null && up !== undefined; up = parentOf.get(up)) {
        const upFrame = byId.get(up)!.callFrame;
        if (upFrame.url !== '') part = partOfFrame(upFrame) ?? null;
      }
      part ??= 'runtime';
    }
    partOfNode.set(id, part);
    return part;
  };

  const totals = Object.fromEntries(CPU_PARTS.map((part) => [part, 0])) as Record<CpuPart, number>;
  // timeDeltas[i] is the time from sample i-1 to sample i; sample i weighs the time until sample i+1.
  let at = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    at += profile.timeDeltas[i] ?? 0;
    const next = i + 1 < profile.samples.length ? (profile.timeDeltas[i + 1] ?? 0) : 0;
    if (at < window.fromUs || at >= window.toUs) continue;
    const part = classify(profile.samples[i]!);
    if (part) totals[part] += next;
  }
  const perDocument = (us: number) => (documents > 0 ? Math.round((us / 1000 / documents) * 100) / 100 : 0);
  const parts = Object.fromEntries(CPU_PARTS.map((part) => [part, perDocument(totals[part])])) as Record<CpuPart, number>;
  const sampled = CPU_PARTS.reduce((sum, part) => sum + totals[part], 0);
  return { sampledMsPerDoc: perDocument(sampled), parts };
}

/** Several processes' parts as one: each process's milliseconds weighed by the documents it made. */
export function combineParts(each: ReadonlyArray<{ parts: CpuParts; documents: number }>): CpuParts {
  const documents = each.reduce((sum, item) => sum + item.documents, 0);
  const weighted = (pick: (parts: CpuParts) => number) =>
    documents > 0 ? Math.round((each.reduce((sum, item) => sum + pick(item.parts) * item.documents, 0) / documents) * 100) / 100 : 0;
  return {
    sampledMsPerDoc: weighted((parts) => parts.sampledMsPerDoc),
    parts: Object.fromEntries(CPU_PARTS.map((part) => [part, weighted((parts) => parts.parts[part])])) as Record<CpuPart, number>,
  };
}
