// Helper workers for the experiment: how many a run uses, that one that cannot start or load is
// ended and left out (also when it only says so by an error event), and that a helper's error
// event later rejects its `failed`.
import { describe, expect, it, vi } from 'vitest';

import type { BackendReport, ModelWorkerApi } from '../protocol';
import {
  experimentWorkerCount,
  HelperWorkerError,
  startExperimentHelpers,
} from './experimentHelpers';
import type { ModelClient } from './modelClient';

describe('experimentWorkerCount', () => {
  it('gives a worker per core on the CPU backends, capped, and one on a GPU', () => {
    expect(experimentWorkerCount('wasm', 2)).toBe(2);
    expect(experimentWorkerCount('cpu', 16)).toBe(4);
    expect(experimentWorkerCount('wasm', 1)).toBe(1);
    expect(experimentWorkerCount('wasm', 0)).toBe(1);
    expect(experimentWorkerCount('webgpu', 8)).toBe(1);
    expect(experimentWorkerCount('webgl', 8)).toBe(1);
    expect(experimentWorkerCount(null, 8)).toBe(1);
  });
});

describe('startExperimentHelpers', () => {
  it('starts each on the backend with the models loaded, leaving out one that fails', async () => {
    const loads: string[][] = [];
    let made = 0;
    const clients: ModelClient[] = [];
    const start = () => {
      const index = made++;
      const loaded: string[] = [];
      loads.push(loaded);
      const api = {
        start: async (backend: string) =>
          ({ backend: index === 2 ? 'cpu' : backend }) as unknown as BackendReport,
        loadModel: async (name: string) => {
          if (index === 1) throw new Error('no memory');
          loaded.push(name);
        },
      } as unknown as ModelWorkerApi;
      const client: ModelClient = {
        api,
        listen: (listener) => listener,
        proxy: (callback) => callback,
        terminate: vi.fn(),
      };
      clients.push(client);
      return client;
    };
    const models = ['exlm', 'mlm'].map((name) => ({
      name,
      location: { kind: 'url' as const, urlPrefix: `/models/${name}/` },
    }));
    const helpers = await startExperimentHelpers(4, 'wasm', models, 'a [MASK] .', start);
    // The second could not load, the third came up on another backend.
    expect(helpers.map((h) => h.api)).toEqual([clients[0]!.api, clients[3]!.api]);
    expect(loads[0]).toEqual(['exlm', 'mlm']);
    expect(clients.map((c) => vi.mocked(c.terminate).mock.calls.length)).toEqual([0, 1, 1, 0]);
    const failing = () => {
      throw new Error('no workers here');
    };
    expect(await startExperimentHelpers(2, 'wasm', models, 'a [MASK] .', failing)).toEqual([]);
  });

  it('leaves out a worker that errors while loading, whose calls never answer', async () => {
    const errors: ((message: string) => void)[] = [];
    const clients: ModelClient[] = [];
    const start = (onError: (message: string) => void) => {
      const index = errors.push(onError) - 1;
      const api = {
        start: async (backend: string) => ({ backend }) as unknown as BackendReport,
        // The second worker's script dies while loading: comlink's call waits for ever.
        loadModel: () => {
          if (index === 1) {
            setTimeout(() => onError('Uncaught RangeError: Array buffer allocation failed'), 1);
            return new Promise(() => {});
          }
          return Promise.resolve();
        },
      } as unknown as ModelWorkerApi;
      const client: ModelClient = {
        api,
        listen: (listener) => listener,
        proxy: (callback) => callback,
        terminate: vi.fn(),
      };
      clients.push(client);
      return client;
    };
    const models = [{ name: 'exlm', location: { kind: 'url' as const, urlPrefix: '/m/' } }];
    const helpers = await startExperimentHelpers(2, 'wasm', models, 'a [MASK] .', start);
    expect(helpers.map((h) => h.api)).toEqual([clients[0]!.api]);
    expect(clients.map((c) => vi.mocked(c.terminate).mock.calls.length)).toEqual([0, 1]);
    // A later error of a helper that did start rejects its `failed`, with what it said.
    errors[0]!('Uncaught RuntimeError: Aborted()');
    await expect(helpers[0]!.failed).rejects.toThrow(HelperWorkerError);
    await expect(helpers[0]!.failed).rejects.toThrow('Aborted()');
  });
});
