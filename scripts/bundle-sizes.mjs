import { rollup } from 'rollup';
import config from '../rollup.config.mjs';
const c = config[1];
const bundle = await rollup({ ...c, plugins: [...c.plugins] });
const { output } = await bundle.generate({ ...c.output, sourcemap: false });
const mods = Object.entries(output[0].modules).map(([id, m]) => [m.renderedLength, id.replace(process.cwd() + '/', '')]).sort((a, b) => b[0] - a[0]);
let tot = 0; for (const [n, id] of mods) { tot += n; if (n > 300) console.log(String(n).padStart(6), id); }
console.log('total', tot, 'file', output[0].code.length);
