// A QR code drawn as inline SVG from the shared matrix (same code the paper ticket uses).
import { useMemo } from 'react';
import { qrMatrix, qrPathData } from '../../shared/ticket/index.ts';

export function QrCode({ text, size, label, testId }: { text: string; size: number; label: string; testId?: string }) {
  const d = useMemo(() => {
    const m = qrMatrix(text, 'M');
    // A quiet zone of 4 modules on each side.
    return { path: qrPathData(m, 4, 4, 1), n: m.size + 8 };
  }, [text]);
  return (
    <svg className="qr" role="img" aria-label={label} data-testid={testId} data-qr-text={text} width={size} height={size} viewBox={`0 0 ${d.n} ${d.n}`} shapeRendering="crispEdges">
      <rect width={d.n} height={d.n} fill="#fff" />
      <path d={d.path} fill="#000" />
    </svg>
  );
}
