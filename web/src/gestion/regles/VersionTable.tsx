// The DSFR table frame (its current markup): a wide table scrolls inside it at 360 px rather
// than squeezing its columns or making the page scroll sideways; the scrolling frame takes the
// keyboard's focus, named after the table (RGAA 7.3).
import type { ReactNode } from "react";

export function VersionTable({
  children,
  label,
  hiddenCaption = false,
  minWidth,
}: {
  children: ReactNode;
  label: string;
  hiddenCaption?: boolean;
  minWidth?: string;
}) {
  return (
    <div className={`fr-table fr-mb-4w${hiddenCaption ? " fr-table--no-caption" : ""}`}>
      <div className="fr-table__wrapper">
        <div className="fr-table__container" tabIndex={0} role="region" aria-label={label}>
          <div className="fr-table__content" style={minWidth ? { minWidth } : undefined}>
            {children}
          </div>
        </div>
      </div>
    </div>
  );
}
