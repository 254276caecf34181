// `make run`: serves the built dist/ (the editor and dist/merge/) on loopback.
//   node scripts/serve.mjs PORT
import { serveDist } from '../tests/e2e/serve.mjs';

const { url } = await serveDist(Number(process.argv[2] ?? 8080));
console.log(`serving ${url}`);
