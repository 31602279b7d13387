/**
 * Blocks other modules put on the home page ("À la une", today's timetable, the canteen menu…),
 * so the home module does not import every service. Each block reads its own data, scoped in SQL
 * to the person, and renders it; the home page loads them together.
 */
import type { ComponentChildren } from 'preact';
import type { Actor } from '../authz/index.js';

export interface HomeSection<T> {
  /** Unique name; also the section's anchor on the page. */
  id: string;
  /** `top`: above the person's own blocks (news, today); `bottom`: after them. */
  placement: 'top' | 'bottom';
  /** Order within its placement, smallest first. */
  order: number;
  /** What the block shows this person now, or null to leave it out. */
  load(actor: Actor, now: Date): Promise<T | null>;
  render(data: T, actor: Actor): ComponentChildren;
}

export interface LoadedSection {
  id: string;
  placement: 'top' | 'bottom';
  content: ComponentChildren;
}

export class HomeSections {
  private readonly sections: HomeSection<unknown>[] = [];

  add<T>(section: HomeSection<T>): void {
    if (this.sections.some((s) => s.id === section.id)) throw new Error(`home section ${section.id} is already registered`);
    this.sections.push(section as HomeSection<unknown>);
    this.sections.sort((a, b) => a.order - b.order);
  }

  /** Every block with something to show, in order, loaded in parallel. */
  async load(actor: Actor, now: Date): Promise<LoadedSection[]> {
    const data = await Promise.all(this.sections.map((s) => s.load(actor, now)));
    const loaded: LoadedSection[] = [];
    this.sections.forEach((s, i) => {
      const value = data[i];
      if (value !== null && value !== undefined) loaded.push({ id: s.id, placement: s.placement, content: s.render(value, actor) });
    });
    return loaded;
  }
}
