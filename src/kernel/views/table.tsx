import type { ComponentChildren } from 'preact';

/**
 * A table that may scroll sideways on a phone: a focusable, named region, so that keyboard users
 * can scroll it too.
 */
export function TableWrap({ labelledBy, children }: { labelledBy: string; children: ComponentChildren }) {
  return (
    <div class="table-wrap" role="region" tabIndex={0} aria-labelledby={labelledBy}>
      {children}
    </div>
  );
}
