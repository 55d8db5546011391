import type { Page } from 'playwright-core';

export const MIN_TARGET_PX = 44;

/**
 * What is wrong with the layout of the page as it is now: sideways scrolling, text outside the
 * viewport, text drawn over other text, and (inside `targetsScope`) touch targets smaller than
 * 44 × 44 px. An empty list means none of these.
 */
export async function layoutProblems(page: Page, targetsScope = '.portal'): Promise<string[]> {
  return page.evaluate(
    ({ scope, min }) => {
      const problems: string[] = [];
      const root = document.documentElement;
      const width = root.clientWidth;
      if (root.scrollWidth > width) problems.push(`the page scrolls sideways: ${root.scrollWidth}px wide in a ${width}px viewport`);

      const ignored = '.ant-message, .ant-notification, .ant-select-dropdown, .ant-tooltip, .visually-hidden, [aria-hidden="true"]';
      const shown = (el: Element) => {
        const style = getComputedStyle(el);
        return style.visibility !== 'hidden' && style.display !== 'none' && Number(style.opacity) > 0;
      };
      const name = (el: Element) => {
        const cls = typeof el.className === 'string' && el.className ? `.${el.className.trim().split(/\s+/).slice(0, 2).join('.')}` : '';
        return `<${el.tagName.toLowerCase()}${cls}>`;
      };

      // Every line box of every visible text.
      const boxes: { rect: DOMRect; node: Text; label: string }[] = [];
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
        const text = node.data.trim();
        const parent = node.parentElement;
        if (!text || !parent || parent.closest(ignored) || !shown(parent)) continue;
        const range = document.createRange();
        range.selectNodeContents(node);
        // Lines cut off by an ancestor that clips (a two-line clamp, say) are not drawn.
        const clips: DOMRect[] = [];
        for (let el: Element | null = parent; el && el !== document.body; el = el.parentElement) {
          const style = getComputedStyle(el);
          if (style.overflowX !== 'visible' || style.overflowY !== 'visible') clips.push(el.getBoundingClientRect());
        }
        const drawn = (r: DOMRect) => clips.every((c) => r.top < c.bottom - 1 && r.bottom > c.top + 1 && r.left < c.right - 1 && r.right > c.left + 1);
        for (const rect of Array.from(range.getClientRects())) {
          if (rect.width < 1 || rect.height < 1 || !drawn(rect)) continue;
          boxes.push({ rect, node, label: `${name(parent)} “${text.slice(0, 24)}”` });
          if (rect.right > width + 1 || rect.left < -1) problems.push(`text outside the viewport: ${name(parent)} “${text.slice(0, 24)}”`);
        }
      }
      for (let i = 0; i < boxes.length; i++) {
        for (let j = i + 1; j < boxes.length; j++) {
          const a = boxes[i]!;
          const b = boxes[j]!;
          if (a.node === b.node) continue;
          const x = Math.min(a.rect.right, b.rect.right) - Math.max(a.rect.left, b.rect.left);
          const y = Math.min(a.rect.bottom, b.rect.bottom) - Math.max(a.rect.top, b.rect.top);
          if (x > 2 && y > 2) problems.push(`text overlaps text: ${a.label} and ${b.label}`);
        }
      }

      // Touch targets: what a finger actually hits (a radio's whole label, a select's box).
      const targets = document.querySelectorAll(
        [
          'a[href]',
          'button',
          'textarea',
          'input[type="text"]',
          '.ant-select',
          '.ant-radio-wrapper',
          '.ant-segmented-item',
          '.portal-file-button',
        ]
          .map((selector) => `${scope} ${selector}`)
          .join(', '),
      );
      for (const el of Array.from(targets)) {
        if (el.closest(ignored) || !shown(el)) continue;
        // A select's search input lies inside its box, and the box is what a finger hits.
        if (el.matches('input') && el.parentElement?.closest('.ant-select')) continue;
        const rect = el.getBoundingClientRect();
        if (rect.width < 1 || rect.height < 1) continue;
        if (rect.height < min - 0.5 || rect.width < min - 0.5) {
          problems.push(`touch target smaller than ${min}px: ${name(el)} “${(el.textContent ?? '').trim().slice(0, 24)}” ${Math.round(rect.width)}×${Math.round(rect.height)}`);
        }
      }
      return [...new Set(problems)];
    },
    { scope: targetsScope, min: MIN_TARGET_PX },
  );
}
