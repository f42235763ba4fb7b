import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { UsageError } from './command.ts';

/** Reads a JSON file named by a command's option; a missing or unparsable file is a usage mistake, named with its path. */
export async function readJson(file: string, option: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new UsageError(`--${option} ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(`--${option} ${file} is not JSON: ${(error as Error).message}`);
  }
}

/** Validates with zod and reports every problem by field path (bad data is an error, exit code 1). */
export function validated<T extends z.ZodType>(schema: T, value: unknown, what: string): z.output<T> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new Error(`${what} is invalid:\n${z.prettifyError(parsed.error)}`);
  return parsed.data;
}
