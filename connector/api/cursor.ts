import { z } from 'zod';

/** Where a page ended: the last document's creation time (as the database wrote it, to the microsecond) and id. */
const cursorSchema = z.object({ t: z.string().min(1).max(64), i: z.uuid() });
export type PageCursor = z.infer<typeof cursorSchema>;

/** Opaque to clients: base64url of the position. Positions are compared only within the caller's own retailer. */
export function encodeCursor(cursor: PageCursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

export class CursorError extends Error {
  override readonly name = 'CursorError';
}

export function decodeCursor(text: string): PageCursor {
  try {
    return cursorSchema.parse(JSON.parse(Buffer.from(text, 'base64url').toString('utf8')));
  } catch {
    throw new CursorError('the cursor is not one this API returned; start again without it');
  }
}
