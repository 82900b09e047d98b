/**
 * Rings around the selected entities, drawn on the canvas's SVG overlay
 * after each frame sigma renders (so they follow the camera, the layout and
 * drags). sigma's own "highlighted" look only boxes a label; a ring shows a
 * multi-selection at a glance. Past MAX_RINGS the rings are left out (the
 * selected entities keep their highlighted labels).
 */
import type Sigma from 'sigma';
import type { EdgeAttrs, NodeAttrs } from '../graph/index.ts';
import { svg } from '../ui/dom.ts';

const MAX_RINGS = 600;

export class SelectionRings {
  private readonly group: SVGGElement;
  private readonly rings = new Map<string, SVGCircleElement>();

  constructor(
    private readonly sigma: Sigma<NodeAttrs, EdgeAttrs>,
    overlay: SVGSVGElement,
    private readonly selected: () => ReadonlySet<string>,
  ) {
    this.group = svg('g', { class: 'selection-rings' });
    overlay.prepend(this.group);
    sigma.on('afterRender', () => this.draw());
  }

  draw(): void {
    const ids = this.selected();
    const want = ids.size <= MAX_RINGS ? ids : new Set<string>();
    for (const [id, ring] of this.rings) {
      if (!want.has(id)) {
        ring.remove();
        this.rings.delete(id);
      }
    }
    for (const id of want) {
      const d = this.sigma.getNodeDisplayData(id);
      let ring = this.rings.get(id);
      if (!d || d.hidden) {
        ring?.setAttribute('visibility', 'hidden');
        continue;
      }
      if (!ring) {
        ring = svg('circle', { class: 'selection-ring', 'data-id': id });
        this.group.appendChild(ring);
        this.rings.set(id, ring);
      }
      const p = this.sigma.framedGraphToViewport(d);
      ring.setAttribute('cx', p.x.toFixed(1));
      ring.setAttribute('cy', p.y.toFixed(1));
      ring.setAttribute('r', (this.sigma.scaleSize(d.size) + 3.5).toFixed(1));
      ring.removeAttribute('visibility');
    }
  }
}
