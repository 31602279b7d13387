#!/usr/bin/env node
// Runs the TypeScript sources directly: no build step between a checkout and a running ENT.
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

// The project's tsconfig (JSX for Preact), wherever `preau` is started from: tsx would otherwise
// look for one from the working directory, and a service started elsewhere would fail every page.
register({ tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) });
await import('../src/main.ts');
