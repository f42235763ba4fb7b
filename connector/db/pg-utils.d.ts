// node-postgres's value preparation (lib/utils.js ships without types): how pg turns a JavaScript
// parameter into the text PostgreSQL receives.
declare module 'pg/lib/utils.js' {
  const utils: { prepareValue(value: unknown): string | Buffer | null | undefined };
  export default utils;
}
