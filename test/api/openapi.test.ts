import SwaggerParser from '@apidevtools/swagger-parser';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { OPENAPI_PATH } from '../../connector/api/api-routes.ts';

describe('openapi.json', () => {
  it('is a valid OpenAPI 3.1 document (schema and references checked by swagger-parser)', async () => {
    const document = JSON.parse(readFileSync(OPENAPI_PATH, 'utf8'));
    const validated = await SwaggerParser.validate(structuredClone(document));
    expect((validated as { openapi?: string }).openapi).toBe('3.1.0');
    expect(Object.keys(document.paths).sort()).toEqual(['/documents', '/documents/{id}', '/documents/{id}/links', '/documents/{id}/model', '/openapi.json']);
  });

  it('is refused by the same validator once broken, so the check above means something', async () => {
    const document = JSON.parse(readFileSync(OPENAPI_PATH, 'utf8'));
    document.paths['/documents'].get.responses['200'].content['application/json'].schema = { $ref: '#/components/schemas/NoSuchSchema' };
    await expect(SwaggerParser.validate(document)).rejects.toThrow(/NoSuchSchema|resolve|Missing/i);
  });
});
