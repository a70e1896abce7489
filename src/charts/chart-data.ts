/** What the charts share with the render layer: kept here so that chart modules import from one place. */
export { hasData, pointStatus } from '../render/points';
