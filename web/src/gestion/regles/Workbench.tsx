// Placeholder: replaced by the page.
import { Soon } from "../Soon";

export function Workbench() {
  return <Soon title="Règles" />;
}
