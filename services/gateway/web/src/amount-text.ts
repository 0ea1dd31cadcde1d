/** Units a cook weighs or measures: their numbers are rounded for reading ("147.2 g" → "147 g"). */
const MEASURED_UNITS = new Set(['g', 'ml', 'mg', 'kg', 'l', 'L']);

/**
 * An ingredient's amount as the page shows it. Weights and volumes are rounded: whole numbers from 10
 * up, halves below (never to nothing); anything else keeps at most one decimal; words and fractions
 * ("약간", "1/2") are shown as written.
 */
export function amountText(amount: string, unit: string): string {
  const written = amount.trim();
  const shown = /^\d+(?:\.\d+)?$/.test(written) ? roundAmount(Number(written), unit) : written;
  if (!unit) return shown;
  // Korean counters sit right after a number ("2개", "1/2큰술"); words ("약간") and Latin units keep a space.
  return /^[\u3131-\uD79D]/.test(unit) && /\d$/.test(shown) ? `${shown}${unit}` : `${shown} ${unit}`;
}

function roundAmount(value: number, unit: string): string {
  if (value === 0) return '0';
  if (MEASURED_UNITS.has(unit) && unit !== 'kg' && unit !== 'l' && unit !== 'L') {
    const rounded = value >= 10 ? Math.round(value) : Math.max(0.5, Math.round(value * 2) / 2);
    return String(rounded);
  }
  return String(Math.round(value * 10) / 10);
}
