import { useId, type ReactNode } from 'react';

/** A panel of the dashboard with its heading; the region is named by the heading. */
export function Section({ title, children, extra }: { title: string; children: ReactNode; extra?: ReactNode }) {
  const id = useId();
  return (
    <section className="panel" aria-labelledby={id}>
      <h2 className="section-title" id={id}>
        {title}
      </h2>
      {extra}
      {children}
    </section>
  );
}

/** The server's rule sentence, folded away under a summary. */
export function Rule({ summary, children }: { summary: string; children: ReactNode }) {
  return (
    <details style={{ marginTop: 12 }}>
      <summary>{summary}</summary>
      {children}
    </details>
  );
}
