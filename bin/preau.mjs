#!/usr/bin/env node
// Runs the TypeScript sources directly: no build step between a checkout and a running ENT.
import { register } from 'tsx/esm/api';

register();
await import('../src/main.ts');
