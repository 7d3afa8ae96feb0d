// Placeholder: replaced by the page.
import { Soon } from "../Soon";

export function Versions() {
  return <Soon title="Règles" />;
}
