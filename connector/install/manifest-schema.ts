import { z } from 'zod';

/**
 * The subset of Mystique's manifest types (REFERENCE.md §8, `mystique/types/manifest`) that Folio's OMS
 * fragments use. Strict where the type declarations are known (routes, pages, actions); components are
 * open, except fc.dashboard.threshold, whose props were read in a real manifest.
 */
const data = z.object({ query: z.string().min(1), variables: z.record(z.string(), z.unknown()).optional() }).strict();
const nav = z.object({ label: z.string().min(1), icon: z.string().min(1) }).strict();
const actions = z
  .object({ userActionFilter: z.object({ type: z.enum(['include', 'exclude']), names: z.array(z.string().min(1)).min(1) }).strict() })
  .strict();

export interface ManifestComponent {
  component: string;
  props?: Record<string, unknown>;
  dataSource?: string;
  descendants?: ManifestComponent[];
}

const thresholdProps = z
  .object({
    label: z.string().min(1),
    value: z.string().regex(/^\{\{[^{}]+\}\}$/, 'value is a template over the page query, e.g. {{invoices.edges.length}}'),
    thresholdLow: z.number(),
    thresholdHigh: z.number(),
    link: z.string().startsWith('#/'),
  })
  .strict();

export const componentSchema: z.ZodType<ManifestComponent> = z.lazy(() =>
  z
    .object({
      component: z.string().regex(/^[a-z][a-z0-9]*(\.[a-z][a-zA-Z0-9]*)+$/, 'component names are dotted, e.g. fc.page.section.header'),
      props: z.record(z.string(), z.unknown()).optional(),
      dataSource: z.string().optional(),
      descendants: z.array(componentSchema).optional(),
    })
    .strict()
    .superRefine((component, ctx) => {
      if (component.component !== 'fc.dashboard.threshold') return;
      const parsed = thresholdProps.safeParse(component.props);
      if (!parsed.success) for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', path: ['props', ...issue.path.map(String)], message: issue.message });
    }),
);

export const pageSchema = z
  .object({
    type: z.literal('page'),
    path: z.string().regex(/^\/[A-Za-z0-9/:_-]+$/, 'a route path such as /orders/:id'),
    nav: nav.optional(),
    data: data.optional(),
    fullScreen: z.boolean().optional(),
    component: z.string().min(1),
    props: z.object({ title: z.string().min(1), actions: actions.optional() }).loose(),
    descendants: z.array(componentSchema).optional(),
    roles: z.array(z.string()).optional(),
    dataSource: z.string().optional(),
  })
  .strict();

const section = z.object({ type: z.literal('section'), path: z.string().optional(), roles: z.array(z.string()).optional(), nav, pages: z.array(pageSchema).min(1) }).strict();
const reference = z.object({ type: z.literal('reference'), settingName: z.string().min(1) }).strict();

export const manifestFragmentSchema = z
  .object({ manifestVersion: z.literal('2.0'), routes: z.array(z.discriminatedUnion('type', [reference, section, pageSchema])).min(1) })
  .strict();
export type ManifestFragment = z.output<typeof manifestFragmentSchema>;
export type ManifestPage = z.output<typeof pageSchema>;

/** Every page of a fragment, sections flattened. */
export function manifestPages(fragment: ManifestFragment): ManifestPage[] {
  return fragment.routes.flatMap((route) => (route.type === 'page' ? [route] : route.type === 'section' ? route.pages : []));
}
