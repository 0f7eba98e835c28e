// Lets a plain Node process (npm run worker) import server modules: `server-only` throws unless the bundler resolves
// it for the react-server condition, and running under that condition breaks react-pdf and react-email (they need
// the client React build). Resolves `server-only` to an empty module instead.
import { register } from 'node:module';

const hook = `export async function resolve(specifier, context, next) {
  if (specifier === 'server-only') return { url: 'data:text/javascript,export {}', shortCircuit: true };
  return next(specifier, context);
}`;
register(`data:text/javascript,${encodeURIComponent(hook)}`);
