import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { z } from 'zod';
import { workflowFragmentSchema, workflowSchema, type Workflow, type WorkflowFragment } from './workflow-schema.ts';

/** Where Folio's Fluent configuration lives in this repository (and in a stamped output directory). */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const WORKFLOWS_DIR = join(REPO_ROOT, 'workflows');
export const MANIFESTS_DIR = join(REPO_ROOT, 'manifests');
/** Fragments sit one level down so Fluent-style loaders that read `workflows/*.json` only see whole workflows. */
export const FRAGMENTS_SUBDIR = 'fragments';

export interface WorkflowFile {
  file: string;
  workflow: Workflow;
}
export interface FragmentFile {
  file: string;
  fragment: WorkflowFragment;
}

/** Parses JSON and validates it, naming the file and the failing paths in the error. */
export function readValidated<S extends z.ZodType>(path: string, schema: S): z.output<S> {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new Error(`${path}: ${parsed.error.issues.map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`).join('; ')}`);
  }
  return parsed.data;
}

function jsonFiles(dir: string): string[] {
  try {
    return readdirSync(dir).filter((name) => name.endsWith('.json')).sort();
  } catch {
    return [];
  }
}

/** Every whole workflow in `dir` (default: the repository's workflows/). */
export function readWorkflowFiles(dir = WORKFLOWS_DIR): WorkflowFile[] {
  return jsonFiles(dir).map((file) => ({ file: join(dir, file), workflow: readValidated(join(dir, file), workflowSchema) }));
}

/** Every workflow fragment in `<dir>/fragments/`. */
export function readFragmentFiles(dir = WORKFLOWS_DIR): FragmentFile[] {
  const fragments = join(dir, FRAGMENTS_SUBDIR);
  return jsonFiles(fragments).map((file) => ({ file: join(fragments, file), fragment: readValidated(join(fragments, file), workflowFragmentSchema) }));
}
