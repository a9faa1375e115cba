import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { compression } from 'vite-plugin-compression2';

// The backend (NestJS, port 3000) serves the API, socket.io, metrics and the public QR pages.
// In development the Vite server proxies those paths so the app runs same-origin, exactly as in production
// where the backend serves frontend/dist itself.
const backend = 'http://localhost:3000';

/**
 * The server-side build (`vite build --ssr`): the public QR page's first paint as one CommonJS file in
 * dist/.ssr/ that the backend requires (#14 §6). Everything bundled (the backend's image has no frontend
 * dependencies), React in its production build, nothing compressed or split.
 */
const serverRender = defineConfig({
  plugins: [react()],
  publicDir: false,
  // Bundled React reads NODE_ENV at run time otherwise (the backend does not set it); the same mode as the JSX
  // transform, which follows NODE_ENV (production unless set otherwise).
  define: { 'process.env.NODE_ENV': JSON.stringify(process.env.NODE_ENV === 'production' || process.env.NODE_ENV === undefined ? 'production' : 'development') },
  ssr: { noExternal: true, target: 'node' },
  build: {
    outDir: 'dist/.ssr',
    emptyOutDir: true,
    minify: false,
    rolldownOptions: { input: 'src/pages/public/public-first-paint.tsx', output: { format: 'cjs', entryFileNames: 'public-first-paint.cjs' } },
  },
});

export default defineConfig(({ isSsrBuild }) => (isSsrBuild ? serverRender : {
  // Brotli and gzip copies next to every asset at build time (#14 §6): the server sends them as they are,
  // so phones on slow networks get ~4× fewer bytes without any compression work per request.
  plugins: [react(), compression({ algorithms: ['brotliCompress', 'gzip'], threshold: 1024 })],
  server: {
    proxy: {
      '/api': backend,
      '/socket.io': { target: backend, ws: true },
      '/metrics': backend,
      '/q': backend,
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // .vite/manifest.json: the backend finds the public page's chunk and styles by source name (#14 §6).
    manifest: true,
    // ECharts alone is ~400 kB minified even tree-shaken; it lives in its own lazily loaded chunk.
    chunkSizeWarningLimit: 700,
    rolldownOptions: {
      output: {
        // Stable vendor chunks: they change far less often than app code, so browsers keep them cached across deploys.
        codeSplitting: {
          groups: [
            { name: 'echarts', test: /node_modules[\\/](echarts|zrender|tslib)[\\/]/, priority: 3 },
            { name: 'react', test: /node_modules[\\/](react|react-dom|react-router|react-router-dom|scheduler|cookie|set-cookie-parser)[\\/]/, priority: 2 },
            { name: 'i18n', test: /node_modules[\\/](i18next|react-i18next|html-parse-stringify|void-elements|use-sync-external-store)[\\/]/, priority: 2 },
          ],
        },
      },
    },
  },
}));
