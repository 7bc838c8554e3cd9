/** Token age on arrival (now − iat) is kept as a small histogram, not per request. */
export const AGE_BINS = [
  { code: "age:future-60", label: "more than 60 s in the future", upTo: -60 },
  { code: "age:future", label: "in the future", upTo: 0 },
  { code: "age:0-1", label: "under 1 s", upTo: 1 },
  { code: "age:1-5", label: "1–5 s", upTo: 5 },
  { code: "age:5-30", label: "5–30 s", upTo: 30 },
  { code: "age:30-60", label: "30–60 s", upTo: 60 },
  { code: "age:60-300", label: "1–5 min", upTo: 300 },
  { code: "age:300+", label: "over 5 min", upTo: Number.POSITIVE_INFINITY },
] as const;

export function ageBinCode(ageSeconds: number): string {
  return (AGE_BINS.find((bin) => ageSeconds < bin.upTo) ?? AGE_BINS[AGE_BINS.length - 1]!).code;
}

/** The bin holding the median of the counted ages, or null with no data. */
export function medianAgeBin(counts: ReadonlyMap<string, number>): (typeof AGE_BINS)[number] | null {
  const total = AGE_BINS.reduce((sum, bin) => sum + (counts.get(bin.code) ?? 0), 0);
  if (total === 0) return null;
  let seen = 0;
  for (const bin of AGE_BINS) {
    seen += counts.get(bin.code) ?? 0;
    if (seen * 2 >= total) return bin;
  }
  return null;
}
