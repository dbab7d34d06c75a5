export * from './ledger.js';
export * from './merchant.js';
export * from './notifications.js';
export * from './security.js';
export * from './users.js';
export * from './verification.js';
export * from './platform.js';
export * from './questions.js';
