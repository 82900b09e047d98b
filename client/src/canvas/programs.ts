/**
 * Dashed and dotted arrow edges for sigma 3: its clamped edge program with a
 * fragment shader that leaves gaps along the edge. The vertex shader passes
 * on how far along the edge (in CSS pixels) each fragment is; the picking
 * pass stays solid so a dashed edge is as easy to hover as a solid one.
 */
import { EdgeArrowHeadProgram, createEdgeClampedProgram, createEdgeCompoundProgram } from 'sigma/rendering';
import type { EdgeProgramType, ProgramDefinition, ProgramInfo } from 'sigma/rendering';
import type { RenderParams } from 'sigma/types';

const glslFloat = (n: number) => (Number.isInteger(n) ? `${n}.0` : String(n));

export function createDashedArrowProgram(on: number, off: number): EdgeProgramType {
  // The factory's class type hides its methods; name the two this subclass overrides.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const Base = createEdgeClampedProgram() as unknown as new (...args: any[]) => {
    getDefinition(): ProgramDefinition;
    setUniforms(params: RenderParams, info: ProgramInfo): void;
  };
  class DashedEdgeProgram extends Base {
    override getDefinition(): ProgramDefinition {
      const def = super.getDefinition();
      const vertex = def.VERTEX_SHADER_SOURCE.replace(
        'varying float v_feather;',
        'varying float v_feather;\nvarying float v_along;\nuniform vec2 u_resolution;',
      ).replace(
        'void main() {',
        `void main() {
  vec2 clipStart = (u_matrix * vec3(a_positionStart, 1)).xy;
  vec2 clipEnd = (u_matrix * vec3(a_positionEnd, 1)).xy;
  v_along = a_positionCoef * length((clipEnd - clipStart) * u_resolution * 0.5);`,
      );
      const fragment = def.FRAGMENT_SHADER_SOURCE.replace('varying float v_feather;', 'varying float v_feather;\nvarying float v_along;').replace(
        'void main(void) {',
        `void main(void) {
  #ifndef PICKING_MODE
  if (mod(v_along, ${glslFloat(on + off)}) > ${glslFloat(on)}) discard;
  #endif`,
      );
      return { ...def, VERTEX_SHADER_SOURCE: vertex, FRAGMENT_SHADER_SOURCE: fragment, UNIFORMS: [...def.UNIFORMS, 'u_resolution'] };
    }

    override setUniforms(params: RenderParams, info: ProgramInfo): void {
      super.setUniforms(params, info);
      info.gl.uniform2f(info.uniformLocations.u_resolution!, params.width, params.height);
    }
  }
  return createEdgeCompoundProgram([DashedEdgeProgram as unknown as EdgeProgramType, EdgeArrowHeadProgram]);
}
