// Placeholder: replaced by the page.
import { Soon } from "../Soon";

export function Version() {
  return <Soon title="Règles" />;
}
