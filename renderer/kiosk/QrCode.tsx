// A QR code drawn as inline SVG from the shared matrix (same code the paper ticket uses).
import { useMemo } from 'react';
import { qrMatrix } from '../../shared/ticket/index.ts';

export function QrCode({ text, size, label, testId }: { text: string; size: number; label: string; testId?: string }) {
  const d = useMemo(() => {
    const m = qrMatrix(text, 'M');
    const parts: string[] = [];
    for (let r = 0; r < m.size; r++) {
      let c = 0;
      while (c < m.size) {
        if (!m.dark[r * m.size + c]) {
          c++;
          continue;
        }
        const start = c;
        while (c < m.size && m.dark[r * m.size + c]) c++;
        parts.push(`M${start + 4} ${r + 4}h${c - start}v1h${start - c}z`);
      }
    }
    return { path: parts.join(''), n: m.size + 8 };
  }, [text]);
  return (
    <svg className="qr" role="img" aria-label={label} data-testid={testId} data-qr-text={text} width={size} height={size} viewBox={`0 0 ${d.n} ${d.n}`} shapeRendering="crispEdges">
      <rect width={d.n} height={d.n} fill="#fff" />
      <path d={d.path} fill="#000" />
    </svg>
  );
}
