export { fixActions, fixById, fixFor, fixIdFor, fixes, type Fix, type FixAction } from './catalog';
export { renderFix, type FixContext, type RenderedFix } from './render';
