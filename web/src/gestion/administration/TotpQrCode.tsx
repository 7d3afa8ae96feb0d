// The otpauth:// URI as a QR code drawn here, in the page: SVG built from React elements (no
// innerHTML, no image fetched from elsewhere), so the secret never leaves the browser.
import qrcode from "qrcode-generator";
import { useMemo } from "react";

const quietZone = 4; // modules of white border the standard asks for

export function TotpQrCode({ uri, label }: { uri: string; label: string }) {
  const { size, path } = useMemo(() => {
    const qr = qrcode(0, "M");
    qr.addData(uri);
    qr.make();
    const n = qr.getModuleCount();
    // One path of unit squares: small and crisp at any scale.
    let d = "";
    for (let r = 0; r < n; r++)
      for (let c = 0; c < n; c++) if (qr.isDark(r, c)) d += `M${c + quietZone} ${r + quietZone}h1v1h-1z`;
    return { size: n + 2 * quietZone, path: d };
  }, [uri]);

  return (
    <svg
      role="img"
      aria-label={label}
      viewBox={`0 0 ${size} ${size}`}
      width="224"
      height="224"
      shapeRendering="crispEdges"
      style={{ maxWidth: "100%", height: "auto", background: "#fff" }}
    >
      <rect width={size} height={size} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}
