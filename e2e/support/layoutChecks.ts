// What the layout tests read from the page: whether each open view fits its width, the smallest
// text on screen, and where a lesson step's text and view are on the first screen. All of it is
// measured in the page, in CSS pixels.
import type { Locator, Page } from '@playwright/test';

/** One open view and what of it does not fit its width. */
export interface ViewFit {
  view: string;
  scrollWidth: number;
  clientWidth: number;
  /** Boxes inside it that scroll sideways (scrollWidth past clientWidth). */
  scrollers: string[];
  /** Visible boxes that reach past its right edge (cut off, or drawn over its border). */
  outside: string[];
}

/** Every open view (a panel under .result-views with a data-testid), measured now. */
export function viewFits(page: Page): Promise<ViewFit[]> {
  return page.evaluate(() => {
    const name = (el: Element) =>
      `${el.tagName.toLowerCase()}.${(el.getAttribute('class') ?? '').split(' ')[0] ?? ''}`;
    return [...document.querySelectorAll<HTMLElement>('.result-views > [data-testid^="view-"]')]
      .filter((view) => view.getClientRects().length > 0)
      .map((view) => {
        const right = view.getBoundingClientRect().right;
        const inside = [...view.querySelectorAll('*')];
        return {
          view: view.dataset.testid ?? '',
          scrollWidth: view.scrollWidth,
          clientWidth: view.clientWidth,
          scrollers: inside
            .filter((el) => getComputedStyle(el).overflowX !== 'visible')
            .filter((el) => el.scrollWidth > el.clientWidth)
            .map((el) => `${name(el)} ${el.scrollWidth} > ${el.clientWidth}`),
          outside: inside
            .filter((el) => {
              const box = el.getBoundingClientRect();
              return box.width > 0 && box.height > 0 && box.right > right + 0.5;
            })
            .map((el) => `${name(el)} ends at ${Math.round(el.getBoundingClientRect().right)}`),
        };
      });
  });
}

/** The smallest text under `root`, as drawn on screen (SVG text by the drawing's scale), with
 *  where it is; text in a closed menu or a tooltip that is not shown does not count. */
export function smallestText(root: Locator): Promise<{ size: number; text: string }> {
  return root.evaluate((element) => {
    let smallest = { size: Number.POSITIVE_INFINITY, text: '' };
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const node = walker.currentNode;
      const text = node.textContent?.trim() ?? '';
      const parent = node.parentElement;
      if (text === '' || parent === null || parent.closest('title') !== null) continue;
      const box = parent.getBoundingClientRect();
      if (box.width === 0 || box.height === 0 || parent.checkVisibility() === false) continue;
      let size = parseFloat(getComputedStyle(parent).fontSize);
      const svg = parent.closest('svg');
      const viewBox = svg?.viewBox.baseVal;
      if (svg && viewBox && viewBox.width > 0) {
        size *= svg.getBoundingClientRect().width / viewBox.width;
      }
      if (size < smallest.size)
        smallest = { size, text: `${text.slice(0, 30)} (${parent.tagName})` };
    }
    return smallest;
  });
}

/** Top and bottom of an element on the screen now (CSS px from the top of the viewport). */
export async function onScreen(target: Locator): Promise<{ top: number; bottom: number }> {
  return target.evaluate((el) => {
    const box = el.getBoundingClientRect();
    return { top: box.top, bottom: box.bottom };
  });
}
