import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

// The built files are served by `guichet serve` (same origin as the API); `npm run dev` proxies
// the API to a guichet running on 127.0.0.1:8080.
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: "dist",
    // Fonts and icons stay files (hashed, cached for a year): no data: URIs for the CSP to allow.
    assetsInlineLimit: 0,
    sourcemap: false,
    target: "es2020",
  },
  server: { proxy: { "/api": process.env.GUICHET_API ?? "http://127.0.0.1:8080" } },
});
