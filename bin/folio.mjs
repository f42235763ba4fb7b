#!/usr/bin/env node
// The `folio` command. Sources are TypeScript run through tsx, so a clone needs no build step.
import { register } from 'tsx/esm/api';

register();
await import('../connector/cli/main.ts');
