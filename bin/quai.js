#!/usr/bin/env node
// The installed `quai` command: runs the bundle built by `npm run build` (done by npm ci/install).
import '../dist/cli.js';
