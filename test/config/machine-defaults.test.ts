import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../connector/config.ts';
import { renderConcurrencyFor, thisMachine, workerConcurrencyFor } from '../../connector/config/machine-defaults.ts';
import { connectorEnv } from './support/connector-env.ts';

const GB = 1024 ** 3;

describe('concurrency defaults come from the machine', () => {
  it('prints one Chromium page per core, and keeps six jobs in flight per page', () => {
    expect(renderConcurrencyFor({ cores: 2, memoryBytes: 24 * GB })).toBe(2);
    expect(workerConcurrencyFor({ cores: 2, memoryBytes: 24 * GB })).toBe(12);
    expect(renderConcurrencyFor({ cores: 8, memoryBytes: 16 * GB })).toBe(8);
    expect(workerConcurrencyFor({ cores: 8, memoryBytes: 16 * GB })).toBe(48);
  });

  it('lets pages take a quarter of the memory at about 100 MB each, and never fewer than one', () => {
    expect(renderConcurrencyFor({ cores: 16, memoryBytes: 2 * GB })).toBe(5);
    expect(renderConcurrencyFor({ cores: 4, memoryBytes: 256 * 1024 ** 2 })).toBe(1);
    expect(workerConcurrencyFor({ cores: 4, memoryBytes: 256 * 1024 ** 2 })).toBe(6);
  });

  it('are the configuration defaults, and the variables still override them', () => {
    const machine = thisMachine();
    expect(machine.cores).toBeGreaterThan(0);
    expect(loadConfig(connectorEnv())).toMatchObject({ FOLIO_WORKER_CONCURRENCY: workerConcurrencyFor(machine), FOLIO_RENDER_CONCURRENCY: renderConcurrencyFor(machine) });
    expect(loadConfig(connectorEnv({ FOLIO_WORKER_CONCURRENCY: '3', FOLIO_RENDER_CONCURRENCY: '1' }))).toMatchObject({ FOLIO_WORKER_CONCURRENCY: 3, FOLIO_RENDER_CONCURRENCY: 1 });
  });
});
