// A form's success, focused when it appears so that it is read out.
import { useFocusOnMount } from "./useFocusOnMount";

export function SavedNotice({ title, text }: { title: string; text?: string }) {
  const box = useFocusOnMount<HTMLDivElement>();
  return (
    <div className="fr-alert fr-alert--success fr-mb-4w" role="status" tabIndex={-1} ref={box}>
      <h3 className="fr-alert__title">{title}</h3>
      {text && <p>{text}</p>}
    </div>
  );
}
