#!/usr/bin/env node
// `npx exlm` / the package's bin: runs src/cli/main.ts through tsx's loader in this process, so the
// TypeScript sources are the only implementation (no build step). Paths are resolved from this
// file, never from the working directory, so the command works from anywhere.
import { register } from 'tsx/esm/api';

register();
await import(new URL('../src/cli/main.ts', import.meta.url).href);
