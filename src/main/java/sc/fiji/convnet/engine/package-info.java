/**
 * A small convolutional-network engine in plain Java on {@link sc.fiji.convnet.tensor.Tensor}:
 * layers with forward and backward passes, a graph with reverse-mode autodiff, losses, optimizers,
 * network builders and a file format.
 *
 * <h2>Build, train, save, predict</h2>
 * <pre>
 * Network net = UNet.builder().inChannels(1).classes(3).depth(3).baseWidth(16).seed(42).build();
 * Trainer trainer = new Trainer(net,
 *         new SoftmaxCrossEntropy(new float[] { 1, 1, 3 }),   // class weights; labels −1 are ignored
 *         new Adam(net.parameters(), 1e-3));
 * double loss = trainer.step(images, labels);   // images N×1×H×W, labels N×H×W (class indices as floats)
 * net.save(Path.of("nuclei.cnet"));
 * Network back = Network.load(Path.of("nuclei.cnet"));
 * Tensor logits = back.forward(image);          // evaluation mode, N×3×H×W
 * Tensor saliency = back.inputGradient(image, dLogits);   // ∂(Σ dLogits·logits)/∂image
 * </pre>
 * H and W must be multiples of {@link sc.fiji.convnet.engine.Network#sizeMultiple()} (2^depth for a
 * U-Net). {@link sc.fiji.convnet.engine.Network#receptiveField()} and
 * {@link sc.fiji.convnet.engine.Network#summary(int...)} describe a network; the file format is
 * documented in {@link sc.fiji.convnet.engine.NetworkIO}.
 *
 * <h2>What there is</h2>
 * Layers ({@code engine.layers}): Conv2d (stride, dilation, padding per side with zeros/reflect/replicate,
 * groups, bias), ConvTranspose2d, MaxPool2d (records argmax) and MaxUnpool2d, AvgPool2d,
 * AdaptivePool2d (average/max, global max), GlobalAvgPool2d, ChannelMaxPool (maxout), UpsampleNearest,
 * ResizeBilinear, Concat, Add/Sub/Mul (Elementwise), BatchNorm2d, ReLU, PReLU, Activation (leaky ReLU,
 * ELU, SELU, sigmoid, tanh), Softmax/LogSoftmax, Dropout, Flatten, Reshape, Linear.
 * Losses ({@code engine.loss}): SoftmaxCrossEntropy (class weights, ignored labels),
 * BinaryCrossEntropyWithLogits, SumOfSquares, SoftDice. Optimizers ({@code engine.optim}): Sgd
 * (momentum, Nesterov, weight decay), Adam (L2 or decoupled weight decay). Networks
 * ({@code engine.nets}): UNet, LeNet5, AlexNet, Vgg16. Initialization: {@link sc.fiji.convnet.engine.Initializer}.
 *
 * <h2>Custom graphs</h2>
 * {@link sc.fiji.convnet.engine.NetworkBuilder}: {@code then(layer)} chains, {@code add(layer, nodes…)}
 * joins (node 0 is the input). Manual training: {@code forward(x, Phase.TRAINING)}, a loss's
 * {@code forward} and {@code gradient()}, {@code backward(gradient)}, {@code optimizer.step()},
 * {@code zeroGrad()}.
 */
package sc.fiji.convnet.engine;
