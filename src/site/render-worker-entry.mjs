// Worker threads do not inherit the TypeScript loader in every environment (vitest, plain node), so register it here.
import { register } from 'tsx/esm/api';

register();
await import('./render-worker.ts');
