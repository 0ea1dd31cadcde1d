export * from './ownership.js';
export * from './packs.js';
export * from './shipping.js';
export * from './estimate.js';
