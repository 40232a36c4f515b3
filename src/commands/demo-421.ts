import { loadProduct } from '../server/assemble.js';
import { runMisdirectedDemo } from '../server/misdirected-demo.js';

/** `npm run demo:421`: the HTTP/2 421 demo against the built product. */
const product = await loadProduct();
await runMisdirectedDemo(product.handlers);
