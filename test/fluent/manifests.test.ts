import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { DOCUMENT_RETRY_EVENT, STATUS } from '../../connector/fluent/contract.ts';
import { MANIFESTS_DIR } from '../../connector/install/folio-files.ts';
import { manifestFragmentSchema, manifestPages, type ManifestComponent } from '../../connector/install/manifest-schema.ts';
import { MYSTIQUE, OMS_FRAGMENT_SETTING, documentCards, omsManifestFragment } from '../../connector/install/oms-manifest.ts';

const emulatorSdl = buildSchema(readFileSync(new URL('../../scripts/emulator/schema.graphql', import.meta.url), 'utf8'));
const file = join(MANIFESTS_DIR, `${OMS_FRAGMENT_SETTING}.json`);
const fragment = manifestFragmentSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
const pages = manifestPages(fragment);
const components = (list: ManifestComponent[] = []): ManifestComponent[] => list.flatMap((c) => [c, ...components(c.descendants)]);

describe("Folio's OMS manifest fragment", () => {
  it('is the checked-in file, generated from connector/install/oms-manifest.ts, and the only manifest', () => {
    expect(readdirSync(MANIFESTS_DIR).filter((f) => f.endsWith('.json'))).toEqual([`${OMS_FRAGMENT_SETTING}.json`]);
    // Regenerate with: npx tsx -e "import('./connector/install/oms-manifest.ts').then(m => console.log(JSON.stringify(m.omsManifestFragment(), null, 2)))"
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(omsManifestFragment());
  });

  it('every page query validates against the emulator SDL (Fluent 2020 plus documented additions)', () => {
    const queries = pages.flatMap((p) => (p.data ? [p.data.query] : []));
    expect(queries.length).toBe(pages.length);
    for (const query of queries) expect(validate(emulatorSdl, parse(query)).map((e) => e.message), query).toEqual([]);
  });

  it('has a dashboard tile per document entity counting DOCUMENT_FAILED, linking to the failed list, and a stale-requests tile beside it', () => {
    const dashboard = pages.find((p) => p.nav)!;
    expect(dashboard.data?.variables).toEqual({ failed: [STATUS.failed], requested: [STATUS.requested] });
    const tiles = components(dashboard.descendants).filter((c) => c.component === 'fc.dashboard.threshold');
    expect(tiles.map((t) => t.props?.value)).toEqual(['{{invoices.edges.length}}', '{{requestedInvoices.edges.length}}', '{{creditMemoes.edges.length}}', '{{requestedCreditMemoes.edges.length}}']);
    // The stale counts cannot filter by age in the dashboard query (MYSTIQUE.staleBefore), and say so.
    expect(tiles.filter((t) => String(t.props?.value).includes('requested')).map((t) => t.props?.label)).toEqual([
      'Invoices waiting for a document (DOCUMENT_REQUESTED, any age)',
      'Credit memos waiting for a document (DOCUMENT_REQUESTED, any age)',
    ]);
    expect(dashboard.data?.query).toContain('requestedInvoices: invoices(status: $requested');
    const links = new Set(tiles.filter((t) => t.props?.link).map((t) => String(t.props?.link).slice(1)));
    expect([...links].every((link) => pages.some((p) => p.path === link))).toBe(true);
  });

  it('shows invoice and credit memo documents with only the retry user action', () => {
    for (const query of ['invoice(ref: $ref)', 'creditMemo(ref: $ref)']) {
      const page = pages.find((p) => p.data?.query.includes(query))!;
      expect(page.path).toMatch(/\/:ref$/);
      expect(page.props.actions).toEqual({ userActionFilter: { type: 'include', names: [DOCUMENT_RETRY_EVENT] } });
      const text = JSON.stringify(page.descendants);
      for (const name of ['folioViewUrl', 'folioDownloadUrl', 'folioFileName', 'folioStorage']) expect(text).toContain(`'${name}'`);
    }
  });

  it('offers the document cards for pasting into existing OMS pages, bound to the named query result', () => {
    for (const one of ['invoice', 'creditMemo']) {
      const cards = documentCards(one);
      expect(cards.map((c) => c.dataSource)).toEqual([one, one]);
      const text = JSON.stringify(cards);
      for (const name of ['folioDocumentNumber', 'folioViewUrl', 'folioDownloadUrl', 'folioFailureReason']) expect(text).toContain(`${one}.attributes '${name}'`);
    }
    // Folio's own detail pages show exactly these cards.
    const invoicePage = pages.find((p) => p.data?.query.includes('invoice(ref: $ref)'))!;
    expect(invoicePage.descendants).toEqual(documentCards('invoice'));
  });

  it('uses component names only from the one MYSTIQUE list (where the inferred ones are marked)', () => {
    const known = new Set<unknown>(Object.values(MYSTIQUE).filter((v) => typeof v === 'string' && v.startsWith('fc.')));
    for (const page of pages) for (const name of [page.component, ...components(page.descendants).map((c) => c.component)]) expect(known.has(name), name).toBe(true);
  });

  it('rejects a threshold without a templated value, and an unknown route type', () => {
    const broken = structuredClone(omsManifestFragment()) as any;
    broken.routes[0].descendants[1].props.value = 12;
    expect(manifestFragmentSchema.safeParse(broken).error?.issues[0]?.path).toEqual(['routes', 0, 'descendants', 1, 'props', 'value']);
    expect(manifestFragmentSchema.safeParse({ manifestVersion: '2.0', routes: [{ type: 'tab' }] }).success).toBe(false);
  });
});
