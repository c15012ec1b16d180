// What the JavaScript kernels use of tfjs-backend-wasm: tensors live in its WebAssembly heap, each
// registered under a numeric id that its C++ kernels look up. Typed as a type-only import, so a page
// on WebGPU never loads the wasm package for these kernels.
import type { TensorInfo } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

export type WasmBackend = BackendWasm;

/** Byte address of a tensor's data in the heap. */
export function heapOffset(backend: WasmBackend, tensor: TensorInfo): number {
  const data = backend.dataIdMap.get(tensor.dataId);
  if (data === undefined) throw new Error('the tensor is not on the wasm backend');
  return data.memoryOffset;
}

/** A tensor's float32 data as a view of the heap. Take it after the last allocation of the kernel:
 *  a growing heap detaches earlier views. */
export function heapFloats(backend: WasmBackend, tensor: TensorInfo): Float32Array {
  if (tensor.dtype !== 'float32') throw new Error(`float32 expected, got ${tensor.dtype}`);
  return backend.typedArrayFromHeap(tensor) as Float32Array;
}
