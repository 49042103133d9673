import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

// `npm run dev` and `npm run preview` pass the backend's routes on to it (examples/backend, port 3000).
const backend = process.env.BACKEND_URL ?? 'http://127.0.0.1:3000';

export default defineConfig({
  // Tags with a dash are custom elements: Vue leaves them to the browser instead of resolving components.
  plugins: [vue({ template: { compilerOptions: { isCustomElement: (tag) => tag.includes('-') } } })],
  server: { proxy: { '/billing-token': backend, '/billing-by-token': backend, '/sign-in': backend } },
});
