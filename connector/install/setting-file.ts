import { z } from 'zod';

/**
 * A Fluent setting as a file: exactly the fields of GraphQL's CreateSettingInput (REFERENCE.md §4.3),
 * so it can be pasted into the admin console or sent by `folio fluent push` unchanged.
 */
export const settingFileSchema = z.object({
  name: z.string().min(1).max(255),
  valueType: z.enum(['LOB', 'STRING', 'INTEGER', 'BOOLEAN', 'JSON']),
  context: z.enum(['ACCOUNT', 'RETAILER', 'AGENT', 'CUSTOMER', 'GLOBAL']),
  contextId: z.number().int(),
  value: z.string().optional(),
  lobValue: z.unknown().optional(),
});
export type SettingFile = z.output<typeof settingFileSchema>;

/** INFERRED (as in the emulator): the account context's id is 0. */
export const ACCOUNT_CONTEXT_ID = 0;

/** An ACCOUNT-level JSON setting: how Folio ships its webhook target and its OMS manifest fragment. */
export function accountJsonSetting(name: string, value: unknown): SettingFile {
  return { name, valueType: 'JSON', context: 'ACCOUNT', contextId: ACCOUNT_CONTEXT_ID, lobValue: value };
}
