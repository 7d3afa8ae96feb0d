// A DSFR table whose wide content scrolls in its own frame (the page never does at 360 px). The
// frame can take the keyboard's focus, so a table with nothing focusable in it still scrolls
// without a mouse (WCAG 2.1.1), and it is named by the table's caption. The frame is the
// positioned ancestor of the cells' screen-reader-only text, which otherwise escapes the scroll
// and widens the page.
import { useId, type ReactNode } from "react";

export function ScrollingTable({ caption, children }: { caption: ReactNode; children: ReactNode }) {
  const captionId = useId();
  return (
    <div className="fr-table">
      <div className="fr-table__wrapper">
        <div
          className="fr-table__container"
          tabIndex={0}
          role="region"
          aria-labelledby={captionId}
          style={{ position: "relative" }}
        >
          <div className="fr-table__content">
            <table>
              <caption id={captionId}>{caption}</caption>
              {children}
            </table>
          </div>
        </div>
      </div>
    </div>
  );
}
