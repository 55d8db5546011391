import path from 'node:path';
import type { Page } from 'playwright-core';
import { ROOT } from './paths.js';

interface AxeNode {
  target: unknown[];
  html: string;
  failureSummary?: string;
}
interface AxeViolation {
  id: string;
  impact: 'minor' | 'moderate' | 'serious' | 'critical' | null;
  help: string;
  helpUrl: string;
  nodes: AxeNode[];
}
declare global {
  interface Window {
    axe?: { run(context: Document, options: object): Promise<{ violations: AxeViolation[] }> };
  }
}

const AXE = path.join(ROOT, 'node_modules/axe-core/axe.min.js');

export interface AxeReport {
  page: string;
  serious: AxeViolation[];
  other: AxeViolation[];
}

/** Runs axe-core (WCAG 2.1 A/AA rules and best practices) on the page as it is now. */
export async function runAxe(page: Page, label: string): Promise<AxeReport> {
  if (!(await page.evaluate(() => !!window.axe))) await page.addScriptTag({ path: AXE });
  const { violations } = await page.evaluate(() =>
    window.axe!.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
      resultTypes: ['violations'],
    }),
  );
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  return { page: label, serious, other: violations.filter((v) => !serious.includes(v)) };
}

/** The violations in words: rule, impact, help, and each offending element with axe's summary. */
export function describeViolations(report: AxeReport, which: 'serious' | 'other' = 'serious'): string {
  return report[which]
    .map(
      (v) =>
        `[${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})\n` +
        v.nodes
          .slice(0, 8)
          .map((n) => `    ${JSON.stringify(n.target)} ${n.html.slice(0, 160)}\n      ${(n.failureSummary ?? '').replace(/\n/g, '\n      ')}`)
          .join('\n'),
    )
    .join('\n');
}
