// A placeholder while an area is being built (removed as each area lands).
import { useGestionTitle } from "./useGestionTitle";

export function Soon({ title }: { title: string }) {
  useGestionTitle(title);
  return <h1>{title}</h1>;
}
