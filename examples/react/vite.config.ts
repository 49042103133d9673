import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// `npm run dev` and `npm run preview` pass the backend's routes on to it (examples/backend, port 3000).
const backend = process.env.BACKEND_URL ?? 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [react()],
  server: { proxy: { '/billing': backend, '/sign-in': backend } },
});
