# Print what ConvNet for Fiji finds on this machine: Java, ONNX Runtime natives, vector kernels, threads, heap.
from sc.fiji.convnet import ConvNet

print(ConvNet.diagnostics())
