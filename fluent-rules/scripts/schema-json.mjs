#!/usr/bin/env node
// Writes src/main/graphql/schema.json (the introspection file the Apollo codegen in pom.xml reads)
// from a Fluent GraphQL SDL file, e.g. your account's schema or test/fixtures/fluent/schema-2020.graphql:
//   node fluent-rules/scripts/schema-json.mjs path/to/schema.graphql
// (Alternatively save the answer of an introspection query against https://<ACCOUNT>.api.fluentretail.com/graphql.)
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(join(here, '../../package.json'));
const { buildSchema, introspectionFromSchema } = require('graphql');

const [sdlPath, outPath = join(here, '../src/main/graphql/schema.json')] = process.argv.slice(2);
if (!sdlPath) {
  console.error('usage: node fluent-rules/scripts/schema-json.mjs <schema.graphql> [out.json]');
  process.exit(2);
}
// Older Fluent SDL uses the legacy `implements A, B` syntax; graphql 16 wants `implements A & B`.
const sdl = readFileSync(sdlPath, 'utf8').replace(
  /implements ([^{]+)\{/g,
  (_m, list) => `implements ${list.split(',').map((s) => s.trim()).join(' & ')} {`,
);
const introspection = introspectionFromSchema(buildSchema(sdl, { assumeValidSDL: true }));
writeFileSync(outPath, `${JSON.stringify({ data: introspection }, null, 2)}\n`);
console.log(`wrote ${outPath}`);
