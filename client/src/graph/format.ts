/** Model values as words: relationship types and money amounts. */

/** "PARTICIPATED_IN" -> "participated in". */
export function typeLabel(type: string): string {
  return type.toLowerCase().replace(/_/g, ' ');
}

/** "2,100,000 USD" as "$2.1M"; other currencies keep their code. */
export function formatAmount(total: number, currency: string): string {
  const sym: Record<string, string> = { USD: '$', EUR: '€', GBP: '£' };
  const abs = Math.abs(total);
  const short =
    abs >= 1e9 ? `${+(total / 1e9).toFixed(1)}B` : abs >= 1e6 ? `${+(total / 1e6).toFixed(1)}M` : abs >= 1e4 ? `${+(total / 1e3).toFixed(0)}K` : total.toLocaleString('en-US');
  const s = sym[currency];
  return s ? `${s}${short}` : `${short} ${currency}`;
}
