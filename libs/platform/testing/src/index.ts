export { CHROMIUM_ARGS, CHROMIUM_PATH, hasChromium } from './chromium.js';
export { HttpAgent } from './http.agent.js';
export { testConfig } from './test.config.js';
