/**
 * Seeing inside a classifier (Bishop §10.3): saliency ({@link sc.fiji.convnet.explain.GradCam}, occlusion through
 * ONNX Runtime, the pointing game), views of a trained network (first-layer filters, feature maps, top-k patches,
 * activation maximization) and images changed through the network (FGSM, DeepDream, style transfer).
 * <p>
 * Everything works on tensors and engine networks and returns plain results (maps, tensors, montages); turning
 * them into ImageJ images is the job of {@code sc.fiji.convnet.ij}. {@link sc.fiji.convnet.explain.NodePass} is the
 * one piece of machinery: a forward pass that keeps every node's value and a backward pass whose gradients may
 * enter at any node.
 */
package sc.fiji.convnet.explain;
