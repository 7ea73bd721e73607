// Supply chain: every dependency in the lockfile that has an install script must be reviewed in
// package.json's allowScripts, and .npmrc must keep install scripts from running (npm 11 only
// advises on allowScripts; npm 12 enforces it).
import { readFileSync } from 'node:fs';

const lock = JSON.parse(readFileSync('package-lock.json', 'utf8'));
const { allowScripts = {} } = JSON.parse(readFileSync('package.json', 'utf8'));
const npmrc = readFileSync('.npmrc', 'utf8');

const problems = [];
for (const [path, entry] of Object.entries(lock.packages ?? {})) {
  if (!entry.hasInstallScript || !path) continue;
  const name = path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);
  const reviewed = Object.keys(allowScripts).some((key) => key === name || key === `${name}@${entry.version}`);
  if (!reviewed) problems.push(`${name}@${entry.version} has an install script that allowScripts in package.json does not review`);
}
for (const [name, allowed] of Object.entries(allowScripts)) {
  if (allowed !== false) problems.push(`allowScripts lets ${name} run its install script: none is needed`);
}
if (!/^ignore-scripts\s*=\s*true\s*$/m.test(npmrc)) problems.push('.npmrc must set ignore-scripts=true');

if (problems.length) {
  console.error(`Install scripts:\n  - ${problems.join('\n  - ')}`);
  process.exit(1);
}
console.log(`Install scripts: ${Object.keys(allowScripts).length} reviewed, none runs`);
