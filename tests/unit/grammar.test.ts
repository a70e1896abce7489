import { describe, expect, it } from 'vitest';
import { MAX_TICKS } from '../../src/render/svg/ticks';
import { valueAxis, yearTicks } from '../../src/render/grammar/scale';

describe('chart grammar: value axis', () => {
  it('probe', () => {
    console.log(JSON.stringify([valueAxis(28, 300, {parity:true, dir:'y'}), valueAxis(28, 150, {parity:true, dir:'y'}), valueAxis(28, 500, {parity:false, dir:'x'}), valueAxis(1e308, 300, {parity:true, dir:'y'}), valueAxis(70, 300, {parity:true, dir:'y'}), valueAxis(28, 60, {parity:true, dir:'y'})]));
    console.log(JSON.stringify([yearTicks(2015,2030,1100), yearTicks(2015,2030,300), yearTicks(-1e12, 2100, 300), yearTicks(2020,2022,300), yearTicks(1900,2100,2000)]));
    expect(MAX_TICKS).toBe(30);
  });
});
