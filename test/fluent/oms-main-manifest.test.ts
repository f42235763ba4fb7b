import { describe, expect, it } from 'vitest';
import { FOLIO_FRAGMENT_ROUTE, withFolioRoute } from '../../connector/install/oms-main-manifest.ts';

describe("adding Folio's fragment to the account's main OMS manifest", () => {
  const theirs = { manifestVersion: '2.0', name: 'oms', routes: [{ type: 'reference', settingName: 'fc.mystique.manifest.oms.fragment.ordermanagement' }, { type: 'section', nav: { label: 'Orders' }, pages: [] }] };

  it('appends the reference route and keeps everything else as it was', () => {
    const change = withFolioRoute(theirs);
    expect(change).toEqual({ kind: 'add', manifest: { ...theirs, routes: [...theirs.routes, FOLIO_FRAGMENT_ROUTE] } });
  });

  it('leaves a manifest that already references the fragment alone', () => {
    expect(withFolioRoute({ ...theirs, routes: [FOLIO_FRAGMENT_ROUTE, ...theirs.routes] })).toEqual({ kind: 'present' });
  });

  it('leaves what it cannot safely change to a person, saying why', () => {
    expect(withFolioRoute('not json')).toMatchObject({ kind: 'manual', reason: expect.stringContaining('is not a JSON object') });
    expect(withFolioRoute({ manifestVersion: '2.0' })).toMatchObject({ kind: 'manual', reason: expect.stringContaining('has no "routes" list') });
  });
});
