export { TokenBuckets, type BucketRule } from './TokenBuckets.js';
export { clientAddressFrom, TrustProxyError, type ClientAddress } from './clientAddress.js';
export { ByteBudget, type ByteRule } from './ByteBudget.js';
export { addressBucket } from './addressBucket.js';
export {
  CONNECTION_RATE_LIMIT,
  ConnectionRateLimiter,
  refuseRequest,
  refuseUpgrade,
  tooManyConnections,
  type ConnectionVerdict,
} from './ConnectionRateLimiter.js';
