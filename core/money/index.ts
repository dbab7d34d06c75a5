export * from './currency.js';
export * from './money.js';
