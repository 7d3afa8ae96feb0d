// After `vite build`: a gzip and a Brotli copy beside each text asset, which guichet sends to
// browsers that accept them (as nginx's gzip_static does): compressed once here at the
// strongest levels, never on each request.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const dir = path.resolve(import.meta.dirname, "../dist/assets");
let raw = 0;
let brotli = 0;
for (const name of readdirSync(dir)) {
  if (!/\.(js|css|svg)$/.test(name)) continue;
  const bytes = readFileSync(path.join(dir, name));
  const br = brotliCompressSync(bytes, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
  });
  writeFileSync(path.join(dir, name + ".gz"), gzipSync(bytes, { level: 9 }));
  writeFileSync(path.join(dir, name + ".br"), br);
  raw += bytes.length;
  brotli += br.length;
}
console.log(`compressed assets: ${Math.round(raw / 1024)} KiB -> ${Math.round(brotli / 1024)} KiB (Brotli)`);
