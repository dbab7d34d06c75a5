export * from './notice.js';
export * from './notice-codec.js';
export * from './notice-actions.js';
