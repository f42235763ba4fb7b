import axios, { isAxiosError, type AxiosInstance, type AxiosRequestConfig } from 'axios';
import { z } from 'zod';
import { errorFromHttp } from '../fetch/http-errors.ts';
import { OAuthTokenSource, type OAuthCredentials } from '../fetch/oauth.ts';
import { PermanentError } from '../core/errors.ts';
import type { EventApiRequest } from '../fluent/event-model.ts';
import type { SettingFile } from './setting-file.ts';
import type { Workflow } from './workflow-schema.ts';

export interface FluentAdminOptions {
  baseUrl: string;
  accountId: string;
  credentials: OAuthCredentials;
  timeoutMs?: number;
}

const putWorkflowAnswer = z.object({ entityId: z.string(), eventStatus: z.string() }).loose();
const pluginStatusAnswer = z.object({ bundleStatus: z.string(), bundleVersion: z.string().optional() }).loose();
const graphqlAnswer = z.object({ data: z.unknown().optional(), errors: z.array(z.object({ message: z.string() }).loose()).optional() });
const settingsAnswer = z.object({
  settings: z.object({ edges: z.array(z.object({ node: z.object({ id: z.string(), name: z.string().nullish(), context: z.string(), contextId: z.number(), valueType: z.string().nullish(), value: z.string().nullish(), lobValue: z.unknown() }).loose() })) }),
});
export type StoredSetting = z.output<typeof settingsAnswer>['settings']['edges'][number]['node'];

const PLUGIN_API = '/orchestration/rest/v1/plugin';

/**
 * Fluent's administration APIs as the implementer CLI uses them (REFERENCE.md §4.3, §5, §6): workflows,
 * settings (through GraphQL), rule plugins and test events. Bearer tokens from OAuthTokenSource; every
 * failure becomes an error that names the call and carries Fluent's answer.
 */
export class FluentAdminClient {
  private readonly http: AxiosInstance;
  private readonly tokens: OAuthTokenSource;

  constructor(private readonly options: FluentAdminOptions) {
    this.http = axios.create({ baseURL: options.baseUrl, timeout: options.timeoutMs ?? 30_000, maxBodyLength: Infinity, maxContentLength: Infinity });
    this.tokens = new OAuthTokenSource(options.baseUrl, options.accountId, options.credentials);
  }

  /** Gets a token: proves the URL, account and credentials are right. */
  async checkToken(): Promise<void> {
    await this.tokens.accessToken();
  }

  /** PUT /api/v4.1/workflow: creates or updates; Fluent checks every rule is installed. */
  async putWorkflow(workflow: Workflow): Promise<{ entityId: string; eventStatus: string }> {
    return putWorkflowAnswer.parse(await this.send('Fluent PUT /api/v4.1/workflow', { method: 'PUT', url: '/api/v4.1/workflow', data: workflow }));
  }

  /** The latest version of a retailer's workflow, or undefined when there is none (Fluent answers 404, contract.ts). */
  async getWorkflow(retailerId: string, name: string): Promise<Record<string, unknown> | undefined> {
    const url = `/api/v4.1/workflow/${encodeURIComponent(retailerId)}/${encodeURIComponent(name)}`;
    return (await this.send(`Fluent GET ${url}`, { method: 'GET', url }, { notFound: true })) as Record<string, unknown> | undefined;
  }

  async graphql<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const body = graphqlAnswer.parse(await this.send('Fluent GraphQL', { method: 'POST', url: '/graphql', data: { query, variables } }));
    if (body.errors?.length) throw new PermanentError(`Fluent GraphQL error: ${body.errors.map((e) => e.message).join('; ')}`);
    return body.data as T;
  }

  async findSetting(name: string, context: string, contextId: number): Promise<StoredSetting | undefined> {
    const data = settingsAnswer.parse(
      await this.graphql(
        `query folioSetting($name: [String], $context: [String!], $contextId: [Int!]) {
          settings(name: $name, context: $context, contextId: $contextId, first: 10) { edges { node { id name context contextId valueType value lobValue } } }
        }`,
        { name: [name], context: [context], contextId: [contextId] },
      ),
    );
    return data.settings.edges.map((edge) => edge.node).find((node) => node.name === name);
  }

  /** Create-or-update by (name, context, contextId), the key Fluent's settings are unique by. */
  async upsertSetting(setting: SettingFile): Promise<'created' | 'updated'> {
    const existing = await this.findSetting(setting.name, setting.context, setting.contextId);
    if (existing) {
      await this.graphql(`mutation folioUpdateSetting($input: UpdateSettingInput) { updateSetting(input: $input) { id } }`, { input: { id: existing.id, ...setting } });
      return 'updated';
    }
    await this.graphql(`mutation folioCreateSetting($input: CreateSettingInput) { createSetting(input: $input) { id } }`, { input: setting });
    return 'created';
  }

  /** POST …/plugin/upload (multipart `file`). Fluent accepts each bundle version once. */
  async uploadPlugin(jar: Buffer, fileName: string): Promise<unknown> {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(jar)], { type: 'application/java-archive' }), fileName);
    return this.send('Fluent plugin upload', { method: 'POST', url: `${PLUGIN_API}/upload`, data: form });
  }

  async installPlugin(bundleName: string): Promise<unknown> {
    return this.send('Fluent plugin install', { method: 'POST', url: `${PLUGIN_API}/install`, data: { accountId: this.options.accountId, bundleName } });
  }

  async pluginStatus(bundleName: string): Promise<{ bundleStatus: string; bundleVersion?: string }> {
    const url = `${PLUGIN_API}/${encodeURIComponent(bundleName)}/status`;
    return pluginStatusAnswer.parse(await this.send('Fluent plugin status', { method: 'GET', url }));
  }

  /** Like pluginStatus, but undefined when the bundle was never uploaded (404). */
  async findPluginStatus(bundleName: string): Promise<{ bundleStatus: string; bundleVersion?: string } | undefined> {
    const url = `${PLUGIN_API}/${encodeURIComponent(bundleName)}/status`;
    const answer = await this.send('Fluent plugin status', { method: 'GET', url }, { notFound: true });
    return answer === undefined ? undefined : pluginStatusAnswer.parse(answer);
  }

  /** GET …/plugin/: every installed rule by its full name. */
  async listRules(): Promise<Record<string, unknown>> {
    return z.record(z.string(), z.unknown()).parse(await this.send('Fluent plugin list', { method: 'GET', url: `${PLUGIN_API}/` }));
  }

  async postEventSync(event: EventApiRequest): Promise<{ eventId?: string; eventStatus?: string }> {
    const answer = await this.send('Fluent Event API (sync)', { method: 'POST', url: '/api/v4.1/event/sync', data: { accountId: this.options.accountId, ...event } });
    return z.object({ eventId: z.string().optional(), eventStatus: z.string().optional() }).loose().parse(answer);
  }

  async getEvent(id: string): Promise<Record<string, unknown> | undefined> {
    const url = `/api/v4.1/event/${encodeURIComponent(id)}`;
    return (await this.send(`Fluent GET ${url}`, { method: 'GET', url }, { notFound: true })) as Record<string, unknown> | undefined;
  }

  async listEvents(filters: Record<string, string>): Promise<Record<string, unknown>[]> {
    const answer = await this.send('Fluent GET /api/v4.1/event', { method: 'GET', url: '/api/v4.1/event', params: filters });
    return z.object({ results: z.array(z.record(z.string(), z.unknown())) }).loose().parse(answer).results;
  }

  /** Sends with a bearer token; on 401 gets a fresh token once (it may have been revoked early). */
  private async send(what: string, request: AxiosRequestConfig, options: { notFound?: boolean } = {}): Promise<unknown> {
    for (let attempt = 1; ; attempt++) {
      const token = await this.tokens.accessToken();
      try {
        const response = await this.http.request({ ...request, headers: { authorization: `Bearer ${token}`, 'fluent.account': this.options.accountId } });
        return response.data;
      } catch (error) {
        if (isAxiosError(error) && error.response?.status === 401 && attempt === 1) {
          this.tokens.invalidate();
          continue;
        }
        if (options.notFound && isAxiosError(error) && error.response?.status === 404) return undefined;
        throw errorFromHttp(error, what);
      }
    }
  }
}
