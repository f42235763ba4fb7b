import pg from 'pg';

/**
 * node-postgres parsers that return what PGlite returns for the same columns, so a store behaves
 * the same on both engines: int8 as a number (a bigint when it would lose precision), and the two
 * zone-less types read as UTC (PGlite runs in UTC; node-postgres would use the host's zone).
 */
const INT8 = 20;
const DATE = 1082;
const TIMESTAMP = 1114;

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const MIN_SAFE = BigInt(Number.MIN_SAFE_INTEGER);

function parseInt8(text: string): number | bigint {
  const value = BigInt(text);
  return value <= MAX_SAFE && value >= MIN_SAFE ? Number(value) : value;
}

const textParsers: Record<number, (text: string) => unknown> = {
  [INT8]: parseInt8,
  [DATE]: (text) => new Date(`${text}T00:00:00Z`),
  [TIMESTAMP]: (text) => new Date(`${text.replace(' ', 'T')}Z`),
};

export const pgliteCompatibleTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    const parser = format !== 'binary' ? textParsers[oid] : undefined;
    // pg's own typing of getTypeParser is overloaded; the default parsers are what we fall back to.
    return parser ?? (pg.types.getTypeParser as (oid: number, format?: string) => (text: string) => unknown)(oid, format);
  },
} as pg.CustomTypesConfig;
