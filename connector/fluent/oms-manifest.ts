import { ATTRIBUTE, DOCUMENT_RETRY_EVENT, STATUS } from './contract.ts';
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
} as const;

const FAILED_PAGE = '/folio-documents/failed';
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

function dashboard(): ManifestPage {
  return {
    type: 'page',
    path: '/folio-documents',
    nav: { label: 'Documents', icon: MYSTIQUE.icon },
    component: MYSTIQUE.page,
    props: { title: 'Customer documents' },
    data: { query: failedQuery('id ref'), variables: failedVariables },
    descendants: [
      { component: MYSTIQUE.sectionHeader, props: { title: `Documents in ${STATUS.failed} (first ${PAGE_SIZE} of each)` } },
      ...ENTITIES.map((e) => ({
        component: MYSTIQUE.threshold,
        props: { label: `${e.plural} without a document`, value: `{{${e.many}.edges.length}}`, thresholdLow: 1, thresholdHigh: 5, link: `#${FAILED_PAGE}` },
      })),
    ],
  };
}

function failedList(): ManifestPage {
  const list = (e: Entity): ManifestComponent => ({
    component: MYSTIQUE.list,
    dataSource: `${e.many}`,
    props: {
      title: e.plural,
      attributes: [
        { label: 'Ref', template: '{{node.ref}}', link: `#${e.path}/{{node.ref}}` },
        { label: 'Type', template: '{{node.type}}' },
        { label: 'Created', template: '{{node.createdOn}}' },
        { label: 'Failure', template: MYSTIQUE.attributeValue('node', ATTRIBUTE.failureReason) },
        { label: 'Failed on', template: MYSTIQUE.attributeValue('node', ATTRIBUTE.failedOn) },
      ],
    },
  });
  return {
    type: 'page',
    path: FAILED_PAGE,
    component: MYSTIQUE.page,
    props: { title: 'Documents that failed' },
    data: { query: failedQuery(documentFields), variables: failedVariables },
    descendants: ENTITIES.map(list),
  };
}

/** An entity's page: its document links and storage details, and the workflow's retry action only. */
function detail(e: Entity): ManifestPage {
  const value = (name: string) => MYSTIQUE.attributeValue(e.one, name);
  return {
    type: 'page',
    path: `${e.path}/:ref`,
    component: MYSTIQUE.page,
    props: {
      title: `${e.label} {{${e.one}.ref}}`,
      actions: { userActionFilter: { type: 'include', names: [DOCUMENT_RETRY_EVENT] } },
    },
    data: { query: `query folio${e.label.replace(' ', '')}($ref: String!) { ${e.one}(ref: $ref) { ${documentFields} } }`, variables: { ref: MYSTIQUE.param('ref') } },
    descendants: [
      {
        component: MYSTIQUE.attributeCard,
        dataSource: e.one,
        props: {
          title: 'Document',
          attributes: [
            { label: 'Status', template: `{{${e.one}.status}}` },
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
        dataSource: e.one,
        props: {
          title: 'Storage',
          attributes: [
            { label: 'Storage', template: value(ATTRIBUTE.storage) },
            { label: 'SHA-256', template: value(ATTRIBUTE.sha256) },
          ],
        },
      },
    ],
  };
}

/** Folio's OMS fragment: the dashboard (in the nav), the failed list and the two detail pages it links to. */
export function omsManifestFragment(): ManifestFragment {
  return { manifestVersion: '2.0', routes: [dashboard(), failedList(), ...ENTITIES.map(detail)] };
}
