// The few host facilities src/model needs, all present alike in browsers, workers and Node 20:
// a clock, fetch, and blobs. They are typed here, not through the DOM or Node libraries, so that
// src/model's own type check (tsconfig.model.json, no DOM and no Node types) fails on any other use.

export interface Clock {
  now(): number;
}

/** The part of a fetch Response the loader reads. */
export interface FetchedFile {
  ok: boolean;
  status: number;
  statusText: string;
  text(): Promise<string>;
  arrayBuffer(): Promise<ArrayBuffer>;
}

export type Fetch = (url: string) => Promise<FetchedFile>;

/** A file's bytes held in memory: a Blob or File in the browser and in Node. */
export interface BlobLike {
  text(): Promise<string>;
  arrayBuffer(): Promise<ArrayBuffer>;
}

const host = globalThis as unknown as { performance: Clock; fetch: Fetch };

export const clock: Clock = { now: () => host.performance.now() };

export const globalFetch: Fetch = (url) => host.fetch(url);
