import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

import { App } from './app';
import { preloadRoute } from './navigation/routes';
import { parseRoute } from './navigation/route-url';
import './styles.css';
import './tables.css';
import './actions.css';
import './lookup.css';
import './reports.css';

// The first page's code loads beside the app's first request, not after it.
preloadRoute(parseRoute(window.location.hash).page);

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
