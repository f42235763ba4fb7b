import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FRAGMENTS_SUBDIR, readValidated, readWorkflowFiles, type WorkflowFile } from './folio-files.ts';
import { settingFileSchema, type SettingFile } from './setting-file.ts';
import type { Workflow, WorkflowFragment } from './workflow-schema.ts';

/**
 * The layout `folio fluent stamp` writes and `folio fluent push` reads:
 *   workflows/<ENTITY>-<SUBTYPE>.json   whole workflows, pushed with PUT /api/v4.1/workflow
 *   workflows/fragments/*.json          merged into the retailer's own workflows (push --merge-into, or `folio fluent merge`)
 *   settings/<name>.json                CreateSettingInput-shaped settings, created or updated
 */
export const SETTINGS_SUBDIR = 'settings';

export interface StampedContent {
  workflows: Workflow[];
  fragments: { name: string; fragment: WorkflowFragment }[];
  settings: SettingFile[];
}

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

export function workflowFileName(workflow: Pick<Workflow, 'entityType' | 'entitySubtype'>): string {
  return `${workflow.entityType}-${workflow.entitySubtype}.json`;
}

export function writeStampedDir(dir: string, content: StampedContent): string[] {
  const written: string[] = [];
  const write = (path: string, value: unknown) => {
    writeFileSync(path, json(value));
    written.push(path);
  };
  mkdirSync(join(dir, 'workflows', FRAGMENTS_SUBDIR), { recursive: true });
  mkdirSync(join(dir, SETTINGS_SUBDIR), { recursive: true });
  for (const workflow of content.workflows) write(join(dir, 'workflows', workflowFileName(workflow)), workflow);
  for (const { name, fragment } of content.fragments) write(join(dir, 'workflows', FRAGMENTS_SUBDIR, name), fragment);
  for (const setting of content.settings) write(join(dir, SETTINGS_SUBDIR, `${setting.name}.json`), setting);
  return written;
}

export interface StampedForPush {
  workflows: WorkflowFile[];
  settings: { file: string; setting: SettingFile }[];
}

export function readStampedDir(dir: string): StampedForPush {
  if (!existsSync(join(dir, 'workflows')) && !existsSync(join(dir, SETTINGS_SUBDIR))) {
    throw new Error(`${dir} holds no stamped files (no workflows/ or settings/); run "folio fluent stamp --out ${dir}" first`);
  }
  const settingsDir = join(dir, SETTINGS_SUBDIR);
  const settingFiles = existsSync(settingsDir) ? readdirSync(settingsDir).filter((f) => f.endsWith('.json')).sort() : [];
  return {
    workflows: readWorkflowFiles(join(dir, 'workflows')),
    settings: settingFiles.map((f) => ({ file: join(settingsDir, f), setting: readValidated(join(settingsDir, f), settingFileSchema) })),
  };
}
