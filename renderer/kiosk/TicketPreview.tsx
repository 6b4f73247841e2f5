// The ticket exactly as printed: the shared SVG layout (shared/ticket), inlined so it uses the
// app's bundled fonts. The SVG comes from our own pure function with escaped text.
import { useMemo } from 'react';
import { renderTicketSvg } from '../../shared/ticket/index.ts';
import type { TicketPrintJob } from '../../shared/protocol/device-bridge.ts';

export function TicketPreview({ job, label }: { job: TicketPrintJob; label: string }) {
  const svg = useMemo(() => renderTicketSvg(job, { widthDots: 576, qr: 'inline' }), [job]);
  return <div className="ticket-paper" role="img" aria-label={label} data-testid="ticket-preview" dangerouslySetInnerHTML={{ __html: svg }} />;
}
