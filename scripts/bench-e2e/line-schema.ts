import { z } from 'zod';
import { PIPELINE_STEPS } from '../../connector/observe/metrics.ts';
import { CPU_PARTS } from './cpu-profile-parts.ts';

/** What `npm run bench:e2e` prints: one run line per backend and load, then a summary line. */
const ms = z.number().nonnegative();
const stepSchema = z.object({ ms, calls: z.number().nonnegative() });

export const backendSchema = z.enum(['pglite', 'postgres']);
export type Backend = z.output<typeof backendSchema>;

export const runLineSchema = z.object({
  kind: z.literal('run'),
  backend: backendSchema,
  load: z.enum(['burst', 'rate']),
  /** Connector processes sharing the database; above 1, webhooks reach them through a round-robin balancer. */
  processes: z.number().int().positive(),
  /** FOLIO_* variables passed through from the environment; {} = the embedded defaults. */
  tuning: z.record(z.string(), z.string()),
  invoices: z.number().int().positive(),
  offeredPerSecond: z.number().positive().nullable(),
  warmUpInvoices: z.number().int().nonnegative(),
  documents: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
  /** Why they failed, as Folio wrote it on the invoice (folioFailureReason), with how many each. */
  failureReasons: z.record(z.string(), z.number().int().positive()),
  /** created: the emulator's createdOn of each invoice (burst); due: when its creation was due (rate, open loop). */
  latencyFrom: z.enum(['created', 'due']),
  latencyTo: z.literal('emulator updatedOn at DOCUMENT_GENERATED'),
  latenciesMs: z.number().int().nonnegative(),
  docsPerSecond: z.number().nonnegative(),
  p50Ms: ms,
  p95Ms: ms,
  p99Ms: ms,
  maxMs: ms,
  connectorCpuMsPerDoc: ms,
  /** Of connectorCpuMsPerDoc, the main thread's (the event loop); the rest is GC, compiler and libuv threads. */
  connectorMainThreadCpuMsPerDoc: ms,
  chromiumCpuMsPerDoc: ms,
  /** The Fluent emulator's own process, on the same cores: what the stand-in for Fluent takes from Folio. */
  emulatorCpuMsPerDoc: ms,
  /** Each process: the documents it generated and its own CPU per document. */
  perProcess: z.array(z.object({ documents: z.number().int().nonnegative(), connectorCpuMsPerDoc: ms, chromiumCpuMsPerDoc: ms })),
  /** Several processes: how often their database sessions waited on a lock, and on what (lock-waits.ts). */
  lockWaits: z.object({ samples: z.number().int().nonnegative(), waitingShare: z.number().min(0).max(1), byRelation: z.record(z.string(), z.number().int()) }).nullable(),
  /** Summed over the processes (each connector with its Chromium). */
  peakRssMB: z.number().int().nonnegative(),
  stepsPerDoc: z.object(Object.fromEntries(PIPELINE_STEPS.map((step) => [step, stepSchema])) as Record<(typeof PIPELINE_STEPS)[number], typeof stepSchema>),
  /** PDFs per Chromium print call in the connector: what its batching renderer achieved under this load. */
  documentsPerPrint: z.number().nonnegative(),
  /** With --cpu-prof: the main thread's sampled time in the measured window, by part (cpu-profile-parts.ts). */
  cpuProfile: z.object({ sampledMsPerDoc: ms, parts: z.object(Object.fromEntries(CPU_PARTS.map((part) => [part, ms])) as Record<(typeof CPU_PARTS)[number], typeof ms>) }).nullable(),
  /** Rate runs: invoices created but not yet generated, sampled every second while sending. */
  backlog: z.object({ first: z.number().int(), last: z.number().int(), max: z.number().int(), grew: z.boolean() }).nullable(),
  renderer: z.object({ docs: z.number().int().nonnegative(), docsPerSecond: z.number().nonnegative(), concurrency: z.number().int().positive(), documentsPerPrint: z.number().nonnegative(), peakRssMB: z.number().int().nonnegative() }),
  e2eVsRenderer: z.number().nonnegative(),
  seconds: z.number().nonnegative(),
});
export type RunLine = z.output<typeof runLineSchema>;

export const summaryLineSchema = z.object({
  kind: z.literal('summary'),
  runs: z.array(runLineSchema.pick({ backend: true, load: true, processes: true, docsPerSecond: true, p95Ms: true, p99Ms: true, connectorCpuMsPerDoc: true, e2eVsRenderer: true })),
  /** PostgreSQL burst, several processes against one: documents per second, as a ratio (null: not run). */
  scaleOut: z.object({ processes: z.number().int(), speedUp: z.number().nonnegative(), perProcessCpuMsPerDoc: z.array(ms), lockWaitingShare: z.number().min(0).max(1) }).nullable(),
  /** Issue 15's targets, for the runs that were made (null: not measured in this invocation). */
  targets: z.object({
    burstHalfOfRenderer: z.boolean().nullable(),
    rateP95Under1500Ms: z.boolean().nullable(),
    rateP99Under3000Ms: z.boolean().nullable(),
    rateNoGrowingBacklog: z.boolean().nullable(),
    pgliteCpuAtMost8Ms: z.boolean().nullable(),
    postgresCpuAtMost5Ms: z.boolean().nullable(),
  }),
  seconds: z.number().nonnegative(),
});
export type SummaryLine = z.output<typeof summaryLineSchema>;
