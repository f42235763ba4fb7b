#!/usr/bin/env -S node --max-semi-space-size=64
// The `folio` command. Sources are TypeScript run through tsx, so a clone needs no build step.
// The young generation of 64 MB semi-spaces (V8's default is 16) is set here because only Node's command
// line can size the heap: a document allocates a PDF, its HTML and their strings, and with the default the
// scavenger ran so often that it cost the connector about 1.3 of 14.3 CPU ms per document on PostgreSQL
// (README, Benchmarks: "A larger young generation"). Children started by the benches and tests read these flags
// from this line (scripts/load/child-process.ts), so they run as an operator's `folio serve` does.
import { register } from 'tsx/esm/api';

register();
await import('../connector/cli/main.ts');
