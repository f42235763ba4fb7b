import { ATTRIBUTE, DOCUMENT_RETRY_EVENT, STATUS } from '../fluent/contract.ts';
import type { ManifestComponent, ManifestFragment, ManifestPage } from './manifest-schema.ts';

/** The Fluent setting that carries Folio's OMS web-app fragment (REFERENCE.md §8 naming convention). */
export const OMS_FRAGMENT_SETTING = 'fc.mystique.manifest.oms.fragment.folio';

/**
 * Mystique names, in one place. Only fc.page, fc.page.section.header and fc.dashboard.threshold were
 * read in a real manifest (REFERENCE.md §8); everything marked INFERRED is a guess at Fluent's
 * component library and template helpers, to be checked in a real OMS web app before going live.
 */
export const MYSTIQUE = {
  page: 'fc.page',
  sectionHeader: 'fc.page.section.header',
  threshold: 'fc.dashboard.threshold',
  /** INFERRED: the list component, rows from `dataSource`, one column per `attributes` entry. */
  list: 'fc.list',
  /** INFERRED: a card of label/value rows. */
  attributeCard: 'fc.card.attribute',
  /** INFERRED: a template helper that picks an entity attribute's value by name. */
  attributeValue: (entity: string, name: string) => `{{attributeByName ${entity}.attributes '${name}'}}`,
  /** INFERRED: route parameters are templated as {{params.<name>}}. */
  param: (name: string) => `{{params.${name}}}`,
  /** Material icon names, as in the real DevRel manifest ("MdEvent"). */
  icon: 'MdDescription',
  /**
   * INFERRED: nothing documented puts "now minus N minutes" into a page query's variables (they are
   * static JSON), so the stale-requests tiles cannot filter by updatedOn and count every entity in
   * DOCUMENT_REQUESTED, including those asked for seconds ago. If your web app has a template for a
   * relative ISO time, put it here and the tiles count only requests older than it.
   */
  staleBefore: undefined as string | undefined,
} as const;

const FAILED_PAGE = '/folio-documents/failed';
const WAITING_PAGE = '/folio-documents/waiting';
const PAGE_SIZE = 100;

/** The billing entities whose documents agents look after: GraphQL names and where their pages live. */
const ENTITIES = [
  { label: 'Invoice', plural: 'Invoices', one: 'invoice', many: 'invoices', path: '/folio-invoices' },
  { label: 'Credit memo', plural: 'Credit memos', one: 'creditMemo', many: 'creditMemoes', path: '/folio-credit-memos' },
] as const;
type Entity = (typeof ENTITIES)[number];

const documentFields = `id ref type status workflowRef workflowVersion createdOn attributes { name type value }`;

function failedQuery(fields: string): string {
  const lists = ENTITIES.map((e) => `${e.many}(status: $failed, first: ${PAGE_SIZE}) { edges { node { ${fields} } } }`);
  return `query folioFailedDocuments($failed: [String]) { ${lists.join(' ')} }`;
}
const failedVariables = { failed: [STATUS.failed] };

/** The dashboard's query: failed documents, and requests still waiting (aliased `requested<Many>`). */
function dashboardQuery(): string {
  const age = MYSTIQUE.staleBefore ? ', updatedOn: { to: $staleBefore }' : '';
  const lists = ENTITIES.flatMap((e) => [
    `${e.many}(status: $failed, first: ${PAGE_SIZE}) { edges { node { id ref } } }`,
    `${requestedAlias(e)}: ${e.many}(status: $requested${age}, first: ${PAGE_SIZE}) { edges { node { id ref } } }`,
  ]);
  return `query folioDocumentsDashboard($failed: [String], $requested: [String]${MYSTIQUE.staleBefore ? ', $staleBefore: DateTime' : ''}) { ${lists.join(' ')} }`;
}
const requestedAlias = (e: Entity) => `requested${e.many[0]!.toUpperCase()}${e.many.slice(1)}`;

function dashboard(): ManifestPage {
  return {
    type: 'page',
    path: '/folio-documents',
    nav: { label: 'Documents', icon: MYSTIQUE.icon },
    component: MYSTIQUE.page,
    props: { title: 'Customer documents' },
    data: {
      query: dashboardQuery(),
      variables: { ...failedVariables, requested: [STATUS.requested], ...(MYSTIQUE.staleBefore && { staleBefore: MYSTIQUE.staleBefore }) },
    },
    descendants: [
      { component: MYSTIQUE.sectionHeader, props: { title: `Documents in ${STATUS.failed} or ${STATUS.requested} (first ${PAGE_SIZE} of each)` } },
      ...ENTITIES.flatMap((e) => [
        {
          component: MYSTIQUE.threshold,
          props: { label: `${e.plural} without a document`, value: `{{${e.many}.edges.length}}`, thresholdLow: 1, thresholdHigh: 5, link: `#${FAILED_PAGE}` },
        },
        // Stale requests: Folio's sweep requests these itself after FOLIO_SWEEP_GRACE_MS, so a count that
        // stays up means the connector cannot reach them. Without an age filter (MYSTIQUE.staleBefore)
        // requests in flight count too, hence the higher thresholds.
        {
          component: MYSTIQUE.threshold,
          props: {
            label: `${e.plural} waiting for a document (${STATUS.requested}${MYSTIQUE.staleBefore ? '' : ', any age'})`,
            value: `{{${requestedAlias(e)}.edges.length}}`,
            thresholdLow: 5,
            thresholdHigh: 20,
            link: `#${WAITING_PAGE}`,
          },
        },
      ]),
    ],
  };
}

/** A list column: a label and a template over the row's `node`, optionally a link. */
interface ListColumn {
  label: string;
  template: string;
  link?: string;
}

/** One list per document entity, with the columns every Folio list shares and then its own. */
function entityLists(own: ListColumn[]): ManifestComponent[] {
  return ENTITIES.map((e) => ({
    component: MYSTIQUE.list,
    dataSource: `${e.many}`,
    props: {
      title: e.plural,
      attributes: [
        { label: 'Ref', template: '{{node.ref}}', link: `#${e.path}/{{node.ref}}` },
        { label: 'Type', template: '{{node.type}}' },
        { label: 'Created', template: '{{node.createdOn}}' },
        ...own,
      ],
    },
  }));
}

function failedList(): ManifestPage {
  return {
    type: 'page',
    path: FAILED_PAGE,
    component: MYSTIQUE.page,
    props: { title: 'Documents that failed' },
    data: { query: failedQuery(documentFields), variables: failedVariables },
    descendants: entityLists([
      { label: 'Failure', template: MYSTIQUE.attributeValue('node', ATTRIBUTE.failureReason) },
      { label: 'Failed on', template: MYSTIQUE.attributeValue('node', ATTRIBUTE.failedOn) },
    ]),
  };
}

/** Entities waiting in DOCUMENT_REQUESTED, oldest change first in view: the stale-requests tiles' list. */
function waitingList(): ManifestPage {
  const lists = ENTITIES.map((e) => `${e.many}(status: $requested, first: ${PAGE_SIZE}) { edges { node { ${documentFields} updatedOn } } }`);
  return {
    type: 'page',
    path: WAITING_PAGE,
    component: MYSTIQUE.page,
    props: { title: `Documents requested and not yet made (${STATUS.requested})` },
    data: { query: `query folioWaitingDocuments($requested: [String]) { ${lists.join(' ')} }`, variables: { requested: [STATUS.requested] } },
    descendants: entityLists([{ label: 'Waiting since', template: '{{node.updatedOn}}' }]),
  };
}

/**
 * The cards that show an entity's Folio attributes, read from the page's `<one>` query result (which
 * must select `attributes { name type value }`). Fluent documents no way for a fragment to add a card to
 * a page another fragment defines (routes are whole pages; reference routes only add routes), so Folio's
 * own pages use these, and manifests/README.md tells implementers how to paste them into their existing
 * invoice and credit-memo pages.
 */
export function documentCards(one: string): ManifestComponent[] {
  const value = (name: string) => MYSTIQUE.attributeValue(one, name);
  return [
    {
      component: MYSTIQUE.attributeCard,
      dataSource: one,
      props: {
        title: 'Document',
        attributes: [
          { label: 'Status', template: `{{${one}.status}}` },
          { label: 'Document type', template: value(ATTRIBUTE.documentType) },
          { label: 'Number', template: value(ATTRIBUTE.documentNumber) },
          { label: 'View', template: 'Open', link: value(ATTRIBUTE.viewUrl) },
          { label: 'Download', template: value(ATTRIBUTE.fileName), link: value(ATTRIBUTE.downloadUrl) },
          { label: 'Generated on', template: value(ATTRIBUTE.generatedOn) },
          { label: 'Failure', template: value(ATTRIBUTE.failureReason) },
          { label: 'Failed on', template: value(ATTRIBUTE.failedOn) },
        ],
      },
    },
    {
      component: MYSTIQUE.attributeCard,
      dataSource: one,
      props: {
        title: 'Storage',
        attributes: [
          { label: 'Storage', template: value(ATTRIBUTE.storage) },
          { label: 'SHA-256', template: value(ATTRIBUTE.sha256) },
        ],
      },
    },
  ];
}

/** An entity's page: its document links and storage details, and the workflow's retry action only. */
function detail(e: Entity): ManifestPage {
  return {
    type: 'page',
    path: `${e.path}/:ref`,
    component: MYSTIQUE.page,
    props: {
      title: `${e.label} {{${e.one}.ref}}`,
      actions: { userActionFilter: { type: 'include', names: [DOCUMENT_RETRY_EVENT] } },
    },
    data: { query: `query folio${e.label.replace(' ', '')}($ref: String!) { ${e.one}(ref: $ref) { ${documentFields} } }`, variables: { ref: MYSTIQUE.param('ref') } },
    descendants: documentCards(e.one),
  };
}

/** Folio's OMS fragment: the dashboard (in the nav), the failed list and the two detail pages it links to. */
export function omsManifestFragment(): ManifestFragment {
  return { manifestVersion: '2.0', routes: [dashboard(), failedList(), waitingList(), ...ENTITIES.map(detail)] };
}
