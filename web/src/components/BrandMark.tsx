/** The Liuliang logo: a rising leaf on the brand colour. */
export function BrandMark({ size = 32 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" style={{ flex: 'none' }}>
      <rect width="32" height="32" rx="7" fill="#2f54eb" />
      <path d="M9 22c3-7 6-10 14-12-4 3-6 6-7 12z" fill="#fff" />
    </svg>
  );
}
