export { CHROMIUM_ARGS, CHROMIUM_PATH, hasChromium } from './chromium.js';
export { hasPoppler } from './poppler.js';
export { HttpAgent } from './http.agent.js';
export { AS_TABLE_OWNER, testConfig } from './test.config.js';
