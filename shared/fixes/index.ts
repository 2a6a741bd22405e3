export { fixActions, fixById, fixFor, fixIdFor, fixes, type Fix, type FixAction } from './catalog';
export { renderFix, renderFixTitle, type FixContext, type RenderedFix } from './render';
