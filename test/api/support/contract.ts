import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { OPENAPI_PATH } from '../../../connector/api/api-routes.ts';

interface Operation {
  responses: Record<string, { $ref?: string; content?: Record<string, { schema: object }>; headers?: Record<string, unknown> }>;
}
type OpenApi = { servers: { url: string }[]; paths: Record<string, Record<string, Operation>>; webhooks: Record<string, unknown>; components: { responses: Record<string, Operation['responses'][string]> } };

export const openapi = JSON.parse(readFileSync(OPENAPI_PATH, 'utf8')) as OpenApi;

/**
 * Checks real responses against openapi.json: the operation exists for the method and path, the status
 * is documented for it, the content type is the documented one, the body validates against its schema
 * (JSON Schema 2020-12, formats included), and documented headers are present. Remembers what it saw, so a
 * test can demand that every operation was exercised.
 */
export function createContractChecker() {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats.default(ajv);
  ajv.addSchema(openapi, 'openapi.json');
  const base = openapi.servers[0]!.url;
  const seen = new Set<string>();

  function operationFor(method: string, pathname: string): { template: string; operation: Operation } {
    if (!pathname.startsWith(base)) throw new Error(`${pathname} is not under ${base}`);
    const path = pathname.slice(base.length);
    for (const [template, operations] of Object.entries(openapi.paths)) {
      const pattern = new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`);
      const operation = operations[method.toLowerCase()];
      if (pattern.test(path) && operation) return { template, operation };
    }
    throw new Error(`openapi.json has no operation ${method} ${path}`);
  }

  return {
    /** Throws with what is wrong; returns the parsed body. */
    async check(method: string, url: string, response: Response): Promise<unknown> {
      const { template, operation } = operationFor(method, new URL(url).pathname);
      const status = String(response.status);
      let documented = operation.responses[status];
      if (!documented) throw new Error(`${method} ${template} answered ${status}, which openapi.json does not document`);
      if (documented.$ref) documented = openapi.components.responses[documented.$ref.split('/').pop()!]!;
      const contentType = (response.headers.get('content-type') ?? '').split(';')[0]!;
      const media = documented.content?.[contentType];
      if (!media) throw new Error(`${method} ${template} ${status}: content type ${contentType} is not documented`);
      for (const header of Object.keys(documented.headers ?? {})) {
        if (!response.headers.has(header)) throw new Error(`${method} ${template} ${status}: documented header ${header} is missing`);
      }
      const body: unknown = await response.json();
      const pointer = `openapi.json#/paths/${template.replace(/~/g, '~0').replace(/\//g, '~1')}/${method.toLowerCase()}/responses/${status}`;
      const schemaRef = operation.responses[status]!.$ref
        ? `openapi.json#/components/responses/${operation.responses[status]!.$ref!.split('/').pop()}/content/${contentType.replace(/\//g, '~1')}/schema`
        : `${pointer}/content/${contentType.replace(/\//g, '~1')}/schema`;
      const validate = ajv.getSchema(schemaRef);
      if (!validate) throw new Error(`no schema at ${schemaRef}`);
      if (!validate(body)) throw new Error(`${method} ${template} ${status}: body does not match openapi.json: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(body)}`);
      seen.add(`${method.toUpperCase()} ${template} ${status}`);
      return body;
    },
    /** A webhook body against openapi.json's `webhooks` entry for its type; throws with what is wrong. */
    checkWebhook(body: { type?: unknown }): void {
      const type = String(body.type);
      if (!openapi.webhooks[type]) throw new Error(`openapi.json describes no webhook ${type}`);
      const validate = ajv.getSchema(`openapi.json#/webhooks/${type}/post/requestBody/content/application~1json/schema`)!;
      if (!validate(body)) throw new Error(`webhook ${type} does not match openapi.json: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(body)}`);
    },
    seen: () => [...seen].sort(),
    /** Every documented operation and status, as `METHOD /path status`. */
    documented: () =>
      Object.entries(openapi.paths)
        .flatMap(([template, operations]) => Object.entries(operations).flatMap(([method, operation]) => Object.keys(operation.responses).map((status) => `${method.toUpperCase()} ${template} ${status}`)))
        .sort(),
  };
}
