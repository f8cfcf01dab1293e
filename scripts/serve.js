// Serves the built app (`npm start` builds first). Form posts are checked against the site's
// origin; adapter-node would otherwise assume https, so on this machine the origin is
// http://localhost:PORT unless ORIGIN says otherwise (set ORIGIN behind a proxy or with TLS).
process.env.PORT ??= '3000';
process.env.ORIGIN ??= `http://localhost:${process.env.PORT}`;
// Directory imports upload large CSV files.
process.env.BODY_SIZE_LIMIT ??= '16M';
await import('../build/index.js');
