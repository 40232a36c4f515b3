#!/usr/bin/env node
// The CLI, bundled by `npm run build` with its data beside it; nothing else is loaded.
import '../dist/cli/main.js';
