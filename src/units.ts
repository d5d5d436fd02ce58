/** Shared unit constants. docs/model.md §1: 1 month = 730 h everywhere. */
export const HOURS_PER_MONTH = 730;
const SECONDS_PER_HOUR = 3600;
export const SECONDS_PER_MONTH = HOURS_PER_MONTH * SECONDS_PER_HOUR;
const TOKENS_PER_MILLION = 1_000_000;
export const BYTES_PER_GB = 1e9; // Pinecone and the other stores bill decimal gigabytes
export const BYTES_PER_FLOAT32 = 4;

/** USD per 1M tokens → USD per token. */
export function perToken(usdPer1m: number): number {
  return usdPer1m / TOKENS_PER_MILLION;
}
